// Wall-clock time as Unix milliseconds: the one representation stored and sent everywhere.
#include "core/clock.hpp"

#include <ctime>
#include <utility>

namespace rivetr {
namespace {

bool digits(std::string_view s) {
    for (char c : s) {
        if (c < '0' || c > '9') return false;
    }
    return !s.empty();
}

}  // namespace

std::string formatRfc3339(std::int64_t unixMs) {
    std::time_t secs = static_cast<std::time_t>(unixMs / 1000);
    std::tm tm{};
    gmtime_r(&secs, &tm);
    char buf[40];
    std::size_t n = std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
    std::snprintf(buf + n, sizeof buf - n, ".%03dZ", static_cast<int>(unixMs % 1000));
    return buf;
}

// Only the fixed RFC 3339 shape the engine writes (nanoseconds at most); anything else is not a timestamp.
bool parseRfc3339Nanos(std::string_view t, std::int64_t& nanos) {
    if (t.size() < 20 || t[4] != '-' || t[7] != '-' || t[10] != 'T' || t[13] != ':' || t[16] != ':') return false;
    auto num = [&](std::size_t pos, std::size_t len) { return std::stoi(std::string(t.substr(pos, len))); };
    for (auto [pos, len] : {std::pair{0, 4}, {5, 2}, {8, 2}, {11, 2}, {14, 2}, {17, 2}}) {
        if (!digits(t.substr(pos, len))) return false;
    }
    std::tm tm{};
    tm.tm_year = num(0, 4) - 1900;
    tm.tm_mon = num(5, 2) - 1;
    tm.tm_mday = num(8, 2);
    tm.tm_hour = num(11, 2);
    tm.tm_min = num(14, 2);
    tm.tm_sec = num(17, 2);
    std::int64_t frac = 0;
    std::size_t i = 19;
    if (t[i] == '.') {
        std::size_t n = 0;
        for (++i; i < t.size() && t[i] >= '0' && t[i] <= '9'; ++i, ++n) {
            if (n < 9) frac = frac * 10 + (t[i] - '0');
        }
        for (; n < 9; ++n) frac *= 10;
    }
    if (i >= t.size() || t[i] != 'Z') return false;  // the engine always writes UTC
    nanos = static_cast<std::int64_t>(timegm(&tm)) * 1000000000 + frac;
    return true;
}

}  // namespace rivetr
