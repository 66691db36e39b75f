// Turns a container's raw log output (pieces, stdout/stderr apart, Docker timestamps) into whole lines.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "runtime/runtime_types.hpp"

namespace rivetr::api {

struct ContainerLogLine {
    std::int64_t ts = 0;     // ms since the epoch, from the engine's timestamp (0 when it had none)
    std::int64_t nanos = 0;  // the same in ns, as the engine wrote it: what a stream resumes by
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

// A line's place in a container's output, as its SSE id "<ns timestamp>:<n>": the n-th line (from 0)
// carrying that timestamp, so lines the engine stamped alike are still told apart. A client that
// reconnects sends back the last one it got (Last-Event-ID).
struct ContainerLogCursor {
    std::int64_t nanos = -1;
    int same = 0;
    static std::optional<ContainerLogCursor> parse(std::string_view id);  // nullopt: not such an id
    std::string id() const;
};

// Gives each line of a followed log its id, in order, and drops the lines a resuming client already
// has (those at or before `after`): the engine is asked for output since `after`'s second, which
// repeats the lines of that second up to it.
class ContainerLogSequence {
public:
    explicit ContainerLogSequence(std::optional<ContainerLogCursor> after = std::nullopt) : after_(after) {}
    // The line's id, or nullopt when the client already has it.
    std::optional<std::string> next(const ContainerLogLine& l);

private:
    std::optional<ContainerLogCursor> after_;
    ContainerLogCursor last_;
};

}  // namespace rivetr::api
