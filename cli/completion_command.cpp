// `rivetr completion bash|zsh`: static completion scripts for the subcommands and their options.
#include <iostream>

#include "cli/args.hpp"
#include "cli/client_commands.hpp"

namespace rivetr::cli {
namespace {

// Static on purpose: completing app names would need a server round trip on every TAB.
constexpr const char* kBash = R"(# bash completion for rivetr; load with: source <(rivetr completion bash)
_rivetr() {
    local cur
    cur="${COMP_WORDS[COMP_CWORD]}"
    local cmd="${COMP_WORDS[1]}"
    local common="--url --token --json --help"
    if [ "$COMP_CWORD" -eq 1 ]; then
        COMPREPLY=($(compgen -W "serve config status apps env domains deploy deployments logs rollback cancel tokens backup restore completion --help --version" -- "$cur"))
        return
    fi
    local opts=""
    case "$cmd" in
        apps) opts="list show create delete --git-url --port --branch --domains --build-type --dockerfile-path --healthcheck-path --healthcheck-retries --healthcheck-interval-ms" ;;
        env) opts="list set unset --file --secret --build-time" ;;
        domains) opts="add remove" ;;
        deploy) opts="--commit --wait" ;;
        rollback) opts="--wait" ;;
        logs) opts="-f --follow -n --lines" ;;
        tokens) opts="create list revoke --role --expires-in-days" ;;
        backup) opts="-o --output --config" ;;
        restore) opts="--data-dir --config --force" ;;
        config) opts="check --config" ;;
        serve) opts="--config" ;;
        completion) opts="bash zsh" ;;
    esac
    COMPREPLY=($(compgen -W "$opts $common" -- "$cur"))
}
complete -o default -F _rivetr rivetr
)";

constexpr const char* kZsh = R"(#compdef rivetr
# zsh completion for rivetr; load with: source <(rivetr completion zsh)
_rivetr() {
    local -a commands
    commands=(
        'serve:run the API, proxy and deploy engine'
        'config:validate a configuration file'
        'status:server health and app counts'
        'apps:list, show, create or delete apps'
        'env:list, set or unset environment variables'
        'domains:add or remove an app domain'
        'deploy:deploy an app'
        'deployments:list the deployments of an app'
        'logs:show or follow the output of the live container'
        'rollback:roll an app back to an earlier deployment'
        'cancel:cancel a deployment in progress'
        'tokens:create, list or revoke API tokens'
        'backup:snapshot the database, keys, certificates and config into one archive'
        'restore:restore a backup archive into an empty data dir'
        'completion:print a shell completion script'
    )
    local common='--url --token --json'
    if (( CURRENT == 2 )); then
        _describe 'command' commands
        return
    fi
    local -a opts
    case "${words[2]}" in
        apps) opts=(list show create delete --git-url --port --branch --domains --build-type --dockerfile-path --healthcheck-path --healthcheck-retries --healthcheck-interval-ms) ;;
        env) opts=(list set unset --file --secret --build-time) ;;
        domains) opts=(add remove) ;;
        deploy) opts=(--commit --wait) ;;
        rollback) opts=(--wait) ;;
        logs) opts=(-f --follow -n --lines) ;;
        tokens) opts=(create list revoke --role --expires-in-days) ;;
        backup) opts=(-o --output --config) ;;
        restore) opts=(--data-dir --config --force) ;;
        config) opts=(check --config) ;;
        serve) opts=(--config) ;;
        completion) opts=(bash zsh) ;;
    esac
    compadd -- $opts ${=common}
    _files
}
compdef _rivetr rivetr
)";

}  // namespace

int runCompletion(const std::vector<std::string>& argv) {
    auto args = parseArgs(argv, {});
    if (args.positional.size() != 1) throw UsageError("completion needs exactly one shell: bash or zsh");
    const auto& shell = args.positional[0];
    if (shell == "bash") {
        std::cout << kBash;
    } else if (shell == "zsh") {
        std::cout << kZsh;
    } else {
        throw UsageError("no completion for shell \"" + shell + "\" (bash or zsh)");
    }
    return 0;
}

}  // namespace rivetr::cli
