// Wall-clock time as Unix milliseconds: the one representation stored and sent everywhere.
#include "core/clock.hpp"

#include <ctime>

namespace rivetr {

std::string formatRfc3339(std::int64_t unixMs) {
    std::time_t secs = static_cast<std::time_t>(unixMs / 1000);
    std::tm tm{};
    gmtime_r(&secs, &tm);
    char buf[40];
    std::size_t n = std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
    std::snprintf(buf + n, sizeof buf - n, ".%03dZ", static_cast<int>(unixMs % 1000));
    return buf;
}

}  // namespace rivetr
