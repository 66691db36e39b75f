// Runs a client subcommand body with the shared options parsed and its failures reported on stderr.
#include "cli/client_command.hpp"

#include <iostream>

#include "cli/command_registry.hpp"

namespace rivetr::cli {

int runClient(const std::vector<std::string>& argv, ArgSpec spec, const std::function<int(ClientCall&)>& body) {
    spec.valueOptions.insert({"url", "token"});
    spec.flags.insert("json");
    auto args = parseArgs(argv, spec);
    ClientCall call{args, ApiClient(resolveClientOptions(args.option("url").value_or(""), args.option("token").value_or(""))),
                    args.has("json")};
    try {
        return body(call);
    } catch (const ApiError& e) {
        std::cerr << "rivetr: " << e.what() << "\n";
    } catch (const OperationFailed& e) {
        std::cerr << "rivetr: " << e.what() << "\n";
    }
    return 1;
}

namespace {

// "subcommand (list, show, create or delete)", from the registry.
std::string subcommandList(const std::string& command) {
    const auto* spec = findCommand(command);
    std::string names;
    const auto count = spec ? spec->subcommands.size() : 0;
    for (std::size_t i = 0; i < count; ++i) {
        if (i) names += i + 1 == count ? " or " : ", ";
        names += spec->subcommands[i].name;
    }
    return "subcommand (" + names + ")";
}

}  // namespace

int runSubcommands(const std::vector<std::string>& argv, const std::string& command, const SubcommandRunners& runners) {
    return runClient(argv, commandArgSpec(command), [&](ClientCall& c) {
        const auto& sub = positional(c.args, 0, subcommandList(command));
        auto runner = runners.find(sub);
        if (runner == runners.end()) throw UsageError("unknown " + command + " subcommand \"" + sub + "\"");
        return runner->second(c);
    });
}

const std::string& positional(const Args& args, size_t index, const std::string& name) {
    if (args.positional.size() <= index) throw UsageError("missing " + name);
    return args.positional[index];
}

void expectAtMost(const Args& args, size_t count) {
    if (args.positional.size() > count) throw UsageError("unexpected argument \"" + args.positional[count] + "\"");
}

}  // namespace rivetr::cli
