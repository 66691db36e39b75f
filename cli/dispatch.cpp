// Dispatches the command line to a subcommand, and owns --help, --version and usage errors (exit 2).
#include <iostream>

#include "cli/args.hpp"
#include "cli/commands.hpp"
#include "core/version.hpp"

namespace rivetr::cli {
namespace {

constexpr const char* kUsage = R"(rivetr — a self-hosted git-push PaaS in one binary

Usage:
  rivetr serve [--config PATH]         run the API, proxy and deploy engine
  rivetr config check [--config PATH]  validate a configuration file (exit 0 valid, 1 problems)
  rivetr --version                     print the version
  rivetr --help                        print this help

Configuration: ./rivetr.toml by default (built-in defaults when absent); every key can be
overridden with RIVETR_<SECTION>_<KEY>, e.g. RIVETR_SERVER_API_PORT=9000.
Client commands read RIVETR_URL (default http://127.0.0.1:8080) and RIVETR_TOKEN.
)";

}  // namespace

int dispatch(const std::vector<std::string>& args) {
    try {
        if (args.empty()) throw UsageError("missing command");
        const auto& cmd = args[0];
        std::vector<std::string> rest(args.begin() + 1, args.end());
        if (cmd == "--help" || cmd == "-h" || cmd == "help") {
            std::cout << kUsage;
            return 0;
        }
        if (cmd == "--version" || cmd == "-V" || cmd == "version") {
            std::cout << "rivetr " << RIVETR_VERSION << "\n";
            return 0;
        }
        if (cmd == "serve") return runServe(rest);
        if (cmd == "config") return runConfig(rest);
        throw UsageError("unknown command \"" + cmd + "\"");
    } catch (const UsageError& e) {
        std::cerr << "rivetr: " << e.what() << "\n\n" << kUsage;
        return 2;
    }
}

}  // namespace rivetr::cli
