// Turns a container's raw log output (pieces, stdout/stderr apart, Docker timestamps) into whole lines.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "runtime/runtime_types.hpp"

namespace rivetr::api {

struct ContainerLogLine {
    std::int64_t ts = 0;  // ms since the epoch, from the engine's timestamp (0 when it had none)
    std::string stream;   // stdout | stderr
    std::string line;
};

nlohmann::json toJson(const ContainerLogLine& l);

// Feed pieces as the runtime delivers them (requested with timestamps=true); lines come out whole,
// a partial one waits for its end per stream. finish() releases partial lines.
class ContainerLogLines {
public:
    std::vector<ContainerLogLine> add(runtime::LogStream stream, std::string_view piece);
    std::vector<ContainerLogLine> finish();

private:
    std::string pending_[2];
};

// "2026-11-22T12:59:37.123456789Z rest" → ms and "rest"; a line without a timestamp keeps ts 0.
ContainerLogLine parseTimestamped(std::string stream, std::string_view raw);

}  // namespace rivetr::api
