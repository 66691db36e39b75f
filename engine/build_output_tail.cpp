// The step a build was running and that step's last lines, so a failed build says where and why, not an engine code.
#include "engine/build_output_tail.hpp"

#include <cctype>

#include "engine/deploy_log.hpp"

namespace rivetr::engine {
namespace {

constexpr std::size_t kMaxLine = 300;  // one minified-JS line must not become the whole error

// "2/3 (RUN make)" from "Step 2/3 : RUN make" or "STEP 2/3: RUN make"; empty when not a step line.
std::string stepOf(std::string_view line) {
    if (line.rfind("Step ", 0) != 0 && line.rfind("STEP ", 0) != 0) return {};
    auto rest = line.substr(5);
    auto colon = rest.find(':');
    if (colon == std::string_view::npos) return {};
    auto counter = rest.substr(0, colon);
    while (!counter.empty() && counter.back() == ' ') counter.remove_suffix(1);
    auto slash = counter.find('/');
    if (slash == std::string_view::npos || slash == 0 || slash + 1 == counter.size()) return {};
    for (std::size_t i = 0; i < counter.size(); ++i) {
        if (i != slash && !std::isdigit(static_cast<unsigned char>(counter[i]))) return {};
    }
    auto instruction = rest.substr(colon + 1);
    while (!instruction.empty() && instruction.front() == ' ') instruction.remove_prefix(1);
    return std::string(counter) + " (" + std::string(instruction.substr(0, kMaxLine)) + ")";
}

// Docker's own bookkeeping between steps (" ---> Running in 1a2b", "Removing intermediate container").
bool bookkeeping(std::string_view line) {
    return line.rfind(" --->", 0) == 0 || line.rfind("Removing intermediate container", 0) == 0;
}

}  // namespace

void BuildOutputTail::add(std::string_view text) {
    partial_.append(text);
    std::size_t start = 0;
    for (auto nl = partial_.find('\n'); nl != std::string::npos; nl = partial_.find('\n', start)) {
        addLine(partial_.substr(start, nl - start));
        start = nl + 1;
    }
    partial_.erase(0, start);
}

void BuildOutputTail::addLine(std::string line) {
    line = cleanLogText(line);  // Docker colours a step's stderr red
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    if (line.empty() || bookkeeping(line)) return;
    if (auto step = stepOf(line); !step.empty()) {
        step_ = "step " + step;
        lines_.clear();
        return;
    }
    if (line.size() > kMaxLine) line = line.substr(0, kMaxLine) + "…";
    lines_.push_back(std::move(line));
    if (lines_.size() > keep_) lines_.pop_front();
}

std::string BuildOutputTail::explain(const std::string& what, const std::string& why) const {
    std::string out = what;
    if (!step_.empty()) out += " at " + step_;
    if (!why.empty()) out += ": " + why;
    std::deque<std::string> lines = lines_;
    if (auto rest = cleanLogText(partial_.substr(0, kMaxLine)); rest.find_first_not_of(' ') != std::string::npos) {
        lines.push_back(rest);
    }
    if (lines.empty()) return out;
    out += "; its last output:";
    for (const auto& l : lines) out += "\n" + l;
    return out;
}

}  // namespace rivetr::engine
