// Failpoints are parsed once from the environment; an unknown action is reported, never guessed.
#include "core/failpoint.hpp"

#include <chrono>
#include <cstdlib>
#include <map>
#include <string>
#include <thread>

#include "core/log.hpp"

namespace rivetr {
namespace {

constexpr long kFail = -1;  // the point throws instead of pausing

// name → pause in milliseconds, or kFail.
std::map<std::string, long, std::less<>> parse(const char* spec) {
    std::map<std::string, long, std::less<>> points;
    std::string s = spec ? spec : "";
    std::size_t pos = 0;
    while (pos < s.size()) {
        auto end = s.find(',', pos);
        auto item = s.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
        pos = end == std::string::npos ? s.size() : end + 1;
        auto eq = item.find('=');
        const std::string prefix = "pause:";
        if (eq != std::string::npos && item.substr(eq + 1) == "fail") {
            points[item.substr(0, eq)] = kFail;
            continue;
        }
        if (eq == std::string::npos || item.compare(eq + 1, prefix.size(), prefix) != 0) {
            log::warn("failpoint.ignored", {{"spec", item}, {"reason", "expected name=pause:MS or name=fail"}});
            continue;
        }
        points[item.substr(0, eq)] = std::strtol(item.c_str() + eq + 1 + prefix.size(), nullptr, 10);
    }
    return points;
}

}  // namespace

void failpoint(std::string_view name) {
    static const auto points = parse(std::getenv("RIVETR_TEST_FAILPOINTS"));
    if (points.empty()) return;
    auto it = points.find(name);
    if (it == points.end()) return;
    if (it->second == kFail) {
        log::warn("failpoint.fail", {{"name", std::string(name)}});
        throw FailpointError("failpoint " + std::string(name));
    }
    log::warn("failpoint.pause", {{"name", std::string(name)}, {"ms", std::to_string(it->second)}});
    std::this_thread::sleep_for(std::chrono::milliseconds(it->second));
}

}  // namespace rivetr
