// Wall-clock time as Unix milliseconds: the one representation stored and sent everywhere.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace rivetr {

inline std::int64_t nowMs() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

// RFC 3339 UTC with milliseconds, for JSON and logs: "2026-11-22T10:11:39.123Z".
std::string formatRfc3339(std::int64_t unixMs);
// Unix nanoseconds of an engine timestamp ("2026-11-22T10:11:39.123456789Z", UTC, up to 9 fraction
// digits); false for anything else.
bool parseRfc3339Nanos(std::string_view text, std::int64_t& nanos);

}  // namespace rivetr
