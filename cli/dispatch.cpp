// Dispatches the command line to a subcommand, and owns --help, --version and usage errors (exit 2).
#include <iostream>
#include <map>

#include "cli/args.hpp"
#include "cli/backup_commands.hpp"
#include "cli/client_commands.hpp"
#include "cli/commands.hpp"
#include "core/version.hpp"

namespace rivetr::cli {
namespace {

constexpr const char* kUsage = R"(rivetr — a self-hosted git-push PaaS in one binary

Usage:
  rivetr serve [--config PATH]         run the API, proxy and deploy engine
  rivetr config check [--config PATH]  validate a configuration file (exit 0 valid, 1 problems)
  rivetr backup -o FILE [--config PATH]
                                       snapshot the database (safe while serving), keys, certificates
                                       and config into one tar.gz
  rivetr restore FILE [--data-dir DIR] [--config PATH] [--force]
                                       verify a backup and install it as the data dir (refuses a
                                       non-empty one unless --force, and always one a server is using)

Client commands (talk to a running server; all take --url URL, --token TOKEN, --json):
  rivetr status                        server health and how many apps are live
  rivetr apps list
  rivetr apps show APP
  rivetr apps create NAME --git-url URL --port N [--branch B] [--domains a.com,b.com]
                     [--build-type T] [--dockerfile-path P] [--healthcheck-path P]
                     [--healthcheck-retries N] [--healthcheck-interval-ms N]
  rivetr apps delete APP
  rivetr env list APP                  secret values are shown masked
  rivetr env set APP KEY=VALUE... [--secret] [--build-time]
  rivetr env set APP --file .env [--secret] [--build-time]
  rivetr env unset APP KEY...
  rivetr domains add|remove APP DOMAIN
  rivetr deploy APP [--commit SHA] [--wait]   --wait streams the build log; exit 1 if it fails
  rivetr deployments APP
  rivetr logs APP [-f] [-n N]          the live container's output; -f follows until Ctrl-C
  rivetr rollback APP [DEPLOYMENT] [--wait]   default: the previous deployment with an image
  rivetr cancel DEPLOYMENT
  rivetr tokens create NAME [--role admin|developer|viewer] [--expires-in-days N]
  rivetr tokens list
  rivetr tokens revoke ID
  rivetr completion bash|zsh           print a shell completion script

  rivetr --version                     print the version
  rivetr --help                        print this help

Configuration: ./rivetr.toml by default (built-in defaults when absent); every key can be
overridden with RIVETR_<SECTION>_<KEY>, e.g. RIVETR_SERVER_API_PORT=9000.
Client commands read RIVETR_URL (default http://127.0.0.1:8080) and RIVETR_TOKEN.
Exit codes: 0 success, 1 the operation failed, 2 usage error.
)";

using Command = int (*)(const std::vector<std::string>&);

const std::map<std::string, Command>& clientCommands() {
    static const std::map<std::string, Command> commands{
        {"status", runStatus},       {"apps", runApps},           {"env", runEnv},
        {"domains", runDomains},     {"deploy", runDeploy},       {"deployments", runDeployments},
        {"rollback", runRollback},   {"cancel", runCancel},       {"tokens", runTokens},
        {"completion", runCompletion},
        {"logs", runLogs}};
    return commands;
}

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
        if (cmd == "backup") return runBackup(rest);
        if (cmd == "restore") return runRestore(rest);
        if (auto it = clientCommands().find(cmd); it != clientCommands().end()) return it->second(rest);
        throw UsageError("unknown command \"" + cmd + "\"");
    } catch (const UsageError& e) {
        std::cerr << "rivetr: " << e.what() << "\n\n" << kUsage;
        return 2;
    }
}

}  // namespace rivetr::cli
