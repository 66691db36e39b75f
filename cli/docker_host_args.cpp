// What every Docker-manager command (containers, images, networks, volumes) shares: --host as a query,
// the hosts that did not answer an aggregate list, and KEY=VALUE options.
#include "cli/docker_host_args.hpp"

#include <iostream>

#include "cli/api_client.hpp"
#include "cli/output.hpp"

namespace rivetr::cli {

std::string hostQuery(const Args& args, char sep) {
    auto host = args.option("host");
    return host ? std::string(1, sep) + "host=" + pathSegment(*host) : "";
}

std::string queryStartingWithHost(const Args& args) {
    auto q = hostQuery(args);
    return q.empty() ? "?" : q + "&";
}

void printUnreachable(const nlohmann::json& reply) {
    for (const auto& u : reply["unreachable"]) std::cerr << "host " << cell(u["host"]) << " unreachable: " << cell(u["error"]) << "\n";
}

std::pair<std::string, std::string> keyValue(const std::string& text, const std::string& what) {
    auto eq = text.find('=');
    if (eq == 0 || eq == std::string::npos) throw UsageError(what + " takes KEY=VALUE, not \"" + text + "\"");
    return {text.substr(0, eq), text.substr(eq + 1)};
}

nlohmann::json keyValueOption(const Args& args, const std::string& option) {
    auto out = nlohmann::json::object();
    for (const auto& kv : args.all(option)) {
        auto [key, value] = keyValue(kv, "--" + option);
        out[key] = value;
    }
    return out;
}

}  // namespace rivetr::cli
