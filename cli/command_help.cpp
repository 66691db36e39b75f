// `rivetr --help` and `rivetr COMMAND --help`, written from the command registry so neither can miss a command.
#include "cli/command_help.hpp"

#include <sstream>

namespace rivetr::cli {
namespace {

constexpr std::size_t kSummaryColumn = 39;
constexpr std::size_t kWidth = 100;

constexpr const char* kFooter = R"(
Configuration: ./rivetr.toml by default (built-in defaults when absent); every key can be
overridden with RIVETR_<SECTION>_<KEY>, e.g. RIVETR_SERVER_API_PORT=9000.
Client commands read RIVETR_URL (default http://127.0.0.1:8080) and RIVETR_TOKEN.
Exit codes: 0 success, 1 the operation failed, 2 usage error.
)";

std::vector<std::string> words(const std::string& text) {
    std::istringstream in(text);
    std::vector<std::string> out;
    for (std::string w; in >> w;) out.push_back(w);
    return out;
}

// Appends `units` (words, or whole "[--option VALUE]"s) wrapped at kWidth; `column` is where the cursor
// is, continuation lines start at `indent`.
void appendWrapped(std::string& out, const std::vector<std::string>& units, std::size_t column, std::size_t indent) {
    bool first = true;
    for (const auto& w : units) {
        if (!first && column + 1 + w.size() > kWidth) {
            out += "\n" + std::string(indent, ' ');
            column = indent;
        } else if (!first) {
            out += ' ';
            ++column;
        }
        out += w;
        column += w.size();
        first = false;
    }
}

// A synopsis on the left, its summary in the summary column (on the next line when the synopsis is long).
std::string helpLine(const std::vector<std::string>& left, const std::string& summary) {
    std::string out = "  ";
    appendWrapped(out, left, 2, 8);
    bool ownLine = out.find('\n') != std::string::npos || out.size() + 1 > kSummaryColumn;
    out += ownLine ? "\n" + std::string(kSummaryColumn, ' ') : std::string(kSummaryColumn - out.size(), ' ');
    appendWrapped(out, words(summary), kSummaryColumn, kSummaryColumn);
    return out + "\n";
}

std::string valueText(const OptionSpec& o) {
    if (o.kind != ValueKind::Choice) return o.metavar;
    std::string joined;
    for (const auto& c : o.choices) joined += (joined.empty() ? "" : "|") + c;
    return joined;
}

std::string optionUsage(const OptionSpec& o) {
    auto text = o.shortName.empty() ? "--" + o.name : o.shortName;
    if (o.takesValue()) text += " " + valueText(o);
    return o.required ? text : "[" + text + "]";
}

// "rivetr apps create NAME --git-url URL ...", one unit per word or option so no option is split by wrapping.
std::vector<std::string> synopsis(const CommandSpec& c, const SubcommandSpec* sub) {
    std::vector<std::string> out{"rivetr", c.name};
    if (sub) out.push_back(sub->name);
    for (auto& w : words(sub ? sub->args : c.args)) out.push_back(std::move(w));
    for (const auto& o : c.options) out.push_back(optionUsage(o));
    if (sub) {
        for (const auto& o : sub->options) out.push_back(optionUsage(o));
    }
    return out;
}

std::string usageLines(const CommandSpec& c) {
    if (c.subcommands.empty()) return helpLine(synopsis(c, nullptr), c.summary);
    std::string out;
    for (const auto& sub : c.subcommands) out += helpLine(synopsis(c, &sub), sub.summary);
    return out;
}

std::string sectionLines(Section section) {
    std::string out;
    for (const auto& c : commandRegistry()) {
        if (c.section == section) out += usageLines(c);
    }
    return out;
}

std::string optionLine(const OptionSpec& o) {
    std::string left = (o.shortName.empty() ? "" : o.shortName + ", ") + "--" + o.name;
    if (o.takesValue()) left += " " + valueText(o);
    return helpLine({left}, o.summary);
}

}  // namespace

std::string topLevelHelp() {
    return "rivetr — a self-hosted git-push PaaS in one binary\n\nUsage:\n" + sectionLines(Section::Server) +
           "\nClient commands (talk to a running server; all take --url URL, --token TOKEN, --json):\n" +
           sectionLines(Section::Client) + sectionLines(Section::Shell) + "\n" +
           helpLine({"rivetr --version"}, "print the version") + helpLine({"rivetr --help"}, "print this help") +
           helpLine({"rivetr COMMAND --help"}, "a command's subcommands and options") + kFooter;
}

std::string commandHelp(const CommandSpec& c) {
    std::string out = "rivetr " + c.name + " — " + c.summary + "\n\nUsage:\n" + usageLines(c) + "\nOptions:\n";
    for (const auto& o : allOptions(c)) out += optionLine(o);
    return out + helpLine({"-h, --help"}, "print this help");
}

}  // namespace rivetr::cli
