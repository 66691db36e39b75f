// Wall-clock time as Unix milliseconds: the one representation stored and sent everywhere.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace rivetr {

inline std::int64_t nowMs() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

// RFC 3339 UTC with milliseconds, for JSON and logs: "2026-11-22T10:11:39.123Z".
std::string formatRfc3339(std::int64_t unixMs);

}  // namespace rivetr
