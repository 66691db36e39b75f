// Command-line parsing for every subcommand: positionals, --flag, --option VALUE / --option=VALUE.
#include "cli/args.hpp"

namespace rivetr::cli {

std::optional<std::string> Args::option(const std::string& name) const {
    auto it = options.find(name);
    if (it == options.end()) return std::nullopt;
    return it->second;
}

std::vector<std::string> Args::every(const std::string& name) const {
    auto it = repeated.find(name);
    return it == repeated.end() ? std::vector<std::string>{} : it->second;
}

Args parseArgs(const std::vector<std::string>& argv, const ArgSpec& spec) {
    Args out;
    bool onlyPositional = false;
    for (std::size_t i = 0; i < argv.size(); ++i) {
        const auto& a = argv[i];
        if (onlyPositional || a.size() < 3 || a.rfind("--", 0) != 0) {
            if (a == "--") {
                onlyPositional = true;
                continue;
            }
            if (!onlyPositional && a.size() > 1 && a[0] == '-' && a != "-") throw UsageError("unknown option " + a);
            out.positional.push_back(a);
            continue;
        }
        auto body = a.substr(2);
        auto eq = body.find('=');
        std::string name = body.substr(0, eq);
        if (spec.valueOptions.count(name)) {
            if (eq != std::string::npos) {
                out.options[name] = body.substr(eq + 1);
            } else if (i + 1 < argv.size()) {
                out.options[name] = argv[++i];
            } else {
                throw UsageError("option --" + name + " needs a value");
            }
            out.repeated[name].push_back(out.options[name]);
        } else if (spec.flags.count(name) && eq == std::string::npos) {
            out.flags.insert(name);
        } else {
            throw UsageError("unknown option --" + name);
        }
    }
    return out;
}

}  // namespace rivetr::cli
