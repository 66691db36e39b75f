// `rivetr completion bash|zsh`: completion scripts written from the command registry.
#include "cli/completion_command.hpp"

#include <iostream>

#include "cli/args.hpp"
#include "cli/client_commands.hpp"
#include "cli/command_registry.hpp"

namespace rivetr::cli {
namespace {

// What follows a command: its subcommand names, then every option it accepts, then --help.
std::string wordsAfter(const CommandSpec& c) {
    std::string out;
    for (const auto& sub : c.subcommands) out += sub.name + " ";
    for (const auto& o : allOptions(c)) {
        if (!o.shortName.empty()) out += o.shortName + " ";
        out += "--" + o.name + " ";
    }
    return out + "--help";
}

std::string joined(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& i : items) out += (out.empty() ? "" : " ") + i;
    return out;
}

// The spellings of an option as a case pattern: "--lines|-n".
std::string casePattern(const OptionSpec& o) { return "--" + o.name + (o.shortName.empty() ? "" : "|" + o.shortName); }

// bash: after an option taking a value, offer its choices, files, or nothing (-o default then offers files).
std::string bashValueCases(const CommandSpec& c) {
    std::string out;
    for (const auto& o : allOptions(c)) {
        if (!o.takesValue()) continue;
        std::string reply = o.kind == ValueKind::Choice ? "COMPREPLY=($(compgen -W \"" + joined(o.choices) + "\" -- \"$cur\")); "
                            : o.kind == ValueKind::Path ? "COMPREPLY=($(compgen -f -- \"$cur\")); "
                                                        : "";
        out += "                " + casePattern(o) + ") " + reply + "return ;;\n";
    }
    return out;
}

// Single quotes for a zsh word: ' becomes '\''.
std::string zshQuoted(const std::string& text) {
    std::string out = "'";
    for (char ch : text) out += ch == '\'' ? std::string("'\\''") : std::string(1, ch);
    return out + "'";
}

std::string zshValueCases(const CommandSpec& c) {
    std::string out;
    for (const auto& o : allOptions(c)) {
        if (!o.takesValue()) continue;
        std::string reply = o.kind == ValueKind::Choice ? "compadd -- " + joined(o.choices) + "; "
                            : o.kind == ValueKind::Path ? "_files; "
                                                        : "";
        out += "                " + casePattern(o) + ") " + reply + "return ;;\n";
    }
    return out;
}

}  // namespace

std::string bashCompletion() {
    std::string names;
    std::string cases;
    for (const auto& c : commandRegistry()) {
        names += c.name + " ";
        cases += "        " + c.name + ")\n            case \"$prev\" in\n" + bashValueCases(c) +
                 "            esac\n            opts=\"" + wordsAfter(c) + "\" ;;\n";
    }
    return "# bash completion for rivetr; load with: source <(rivetr completion bash)\n"
           "_rivetr() {\n"
           "    local cur=\"${COMP_WORDS[COMP_CWORD]}\"\n"
           "    local prev=\"${COMP_WORDS[COMP_CWORD-1]}\"\n"
           "    if [ \"$COMP_CWORD\" -eq 1 ]; then\n"
           "        COMPREPLY=($(compgen -W \"" + names + "--help --version\" -- \"$cur\"))\n"
           "        return\n"
           "    fi\n"
           "    local opts=\"\"\n"
           "    case \"${COMP_WORDS[1]}\" in\n" + cases +
           "    esac\n"
           "    COMPREPLY=($(compgen -W \"$opts\" -- \"$cur\"))\n"
           "}\n"
           "complete -o default -F _rivetr rivetr\n";
}

std::string zshCompletion() {
    std::string described;
    std::string cases;
    for (const auto& c : commandRegistry()) {
        described += "        " + zshQuoted(c.name + ":" + c.summary) + "\n";
        cases += "        " + c.name + ")\n            case \"${words[CURRENT-1]}\" in\n" + zshValueCases(c) +
                 "            esac\n            opts=(" + wordsAfter(c) + ") ;;\n";
    }
    // Static on purpose: completing app names would need a server round trip on every TAB.
    return "#compdef rivetr\n"
           "# zsh completion for rivetr; load with: source <(rivetr completion zsh)\n"
           "_rivetr() {\n"
           "    local -a commands\n"
           "    commands=(\n" + described +
           "    )\n"
           "    if (( CURRENT == 2 )); then\n"
           "        _describe 'command' commands\n"
           "        return\n"
           "    fi\n"
           "    local -a opts\n"
           "    case \"${words[2]}\" in\n" + cases +
           "    esac\n"
           "    compadd -- $opts\n"
           "    _files\n"
           "}\n"
           "compdef _rivetr rivetr\n";
}

int runCompletion(const std::vector<std::string>& argv) {
    auto args = parseArgs(argv, commandArgSpec("completion"));
    if (args.positional.size() != 1) throw UsageError("completion needs exactly one shell: bash or zsh");
    const auto& shell = args.positional[0];
    if (shell == "bash") {
        std::cout << bashCompletion();
    } else if (shell == "zsh") {
        std::cout << zshCompletion();
    } else {
        throw UsageError("no completion for shell \"" + shell + "\" (bash or zsh)");
    }
    return 0;
}

}  // namespace rivetr::cli
