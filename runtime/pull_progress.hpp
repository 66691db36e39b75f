// Reads a pull's progress stream (the engine's NDJSON lines) into typed events, the digest and the error it may end with.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "runtime/runtime_error.hpp"
#include "runtime/runtime_types.hpp"

namespace rivetr::runtime {

// Fed one whole line at a time (NdjsonSplitter cuts them). The engine answers 200 before it contacts
// the registry, so a failed pull is a line {"error": ..., "errorDetail": {...}} in the stream: it is
// kept in error(), never reported as progress, and the adapter throws it once the stream ends.
class PullProgressReader {
public:
    explicit PullProgressReader(std::function<void(const PullProgress&)> onProgress);

    void line(std::string_view text);

    const std::string& error() const { return error_; }
    const std::string& digest() const { return digest_; }        // from "Digest: sha256:..."
    const std::string& lastStatus() const { return lastStatus_; }  // "Status: ..." without the prefix
    int events() const { return events_; }

private:
    std::function<void(const PullProgress&)> onProgress_;
    std::string error_, digest_, lastStatus_;
    int events_ = 0;
};

// The typed error for a pull's in-stream error message: ImageNotFound when the registry has no such
// repository or tag, EngineError otherwise; the engine's words are kept.
RuntimeError pullError(const std::string& message);

}  // namespace rivetr::runtime
