// What every Docker-manager command (containers, images, networks, volumes) shares: --host as a query,
// the hosts that did not answer an aggregate list, and KEY=VALUE options.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <utility>

#include "cli/args.hpp"

namespace rivetr::cli {

// "?host=HOST" when --host was given, otherwise "" (`sep` '&' when the path already has a query).
std::string hostQuery(const Args& args, char sep = '?');
// "?host=HOST&" or "?": the start of a query each path adds its own parameters to.
std::string queryStartingWithHost(const Args& args);

// "host H unreachable: why" on stderr for each host in the reply's `unreachable` list (an aggregate list
// still prints what the other hosts answered).
void printUnreachable(const nlohmann::json& reply);

// KEY=VALUE (the value may hold '='); `what` names the flag in the error.
std::pair<std::string, std::string> keyValue(const std::string& text, const std::string& what);
// Every KEY=VALUE of a repeatable option (--label, --opt) as a JSON object.
nlohmann::json keyValueOption(const Args& args, const std::string& option);

}  // namespace rivetr::cli
