// What every client subcommand shares: --url/--token/--json, the API client, and failure → exit 1.
#pragma once

#include <functional>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "cli/api_client.hpp"
#include "cli/args.hpp"

namespace rivetr::cli {

// The operation did not succeed (e.g. a deployment failed); what() is printed after "rivetr: ".
class OperationFailed : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct ClientCall {
    Args args;
    ApiClient api;
    bool json = false;
};

// Parses `argv` with `spec` plus the common options, then runs `body`. ApiError and OperationFailed
// are printed on stderr and give exit 1; UsageError goes up to the dispatcher (exit 2).
int runClient(const std::vector<std::string>& argv, ArgSpec spec, const std::function<int(ClientCall&)>& body);

// A client command with subcommands: `rivetr <command> SUB ...` runs runners[SUB]. A missing
// subcommand is a UsageError listing the registry's subcommands for `command` (the one list help
// and completions show too); an unknown one is a UsageError naming it. `runners` may also hold
// aliases the registry does not list (e.g. "ls").
using SubcommandRunners = std::map<std::string, std::function<int(ClientCall&)>>;
int runSubcommands(const std::vector<std::string>& argv, const std::string& command, const SubcommandRunners& runners);

// The positional argument at `index`, or a UsageError naming it ("missing APP").
const std::string& positional(const Args& args, size_t index, const std::string& name);
// Rejects positionals beyond `count`.
void expectAtMost(const Args& args, size_t count);

}  // namespace rivetr::cli
