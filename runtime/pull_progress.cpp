// Reads a pull's progress stream (the engine's NDJSON lines) into typed events, the digest and the error it may end with.
#include "runtime/pull_progress.hpp"

#include <nlohmann/json.hpp>

#include "runtime/runtime_error.hpp"

namespace rivetr::runtime {
namespace {

using Json = nlohmann::json;

std::string textOf(const Json& j, const char* key) {
    auto it = j.find(key);
    if (it == j.end()) return {};
    return it->is_string() ? it->get<std::string>() : it->dump();
}

std::int64_t bytesOf(const Json& detail, const char* key) {
    auto it = detail.find(key);
    return (it != detail.end() && it->is_number()) ? it->get<std::int64_t>() : 0;
}

// The message of an error line: errorDetail.message when present (the fuller one), else "error".
std::string errorOf(const Json& j) {
    auto detail = j.find("errorDetail");
    if (detail != j.end() && detail->is_object() && !textOf(*detail, "message").empty()) return textOf(*detail, "message");
    return textOf(j, "error");
}

bool mentions(const std::string& text, std::string_view what) { return text.find(what) != std::string::npos; }

}  // namespace

PullProgressReader::PullProgressReader(std::function<void(const PullProgress&)> onProgress)
    : onProgress_(std::move(onProgress)) {}

void PullProgressReader::line(std::string_view text) {
    auto j = Json::parse(text, nullptr, false);
    if (!j.is_object()) return;
    if (j.contains("error") || j.contains("errorDetail")) {
        error_ = errorOf(j);
        if (error_.empty()) error_ = "the engine reported a failed pull without a message";
        return;
    }
    PullProgress p;
    p.id = textOf(j, "id");
    p.status = textOf(j, "status");
    auto detail = j.find("progressDetail");
    if (detail != j.end() && detail->is_object()) {
        p.current = bytesOf(*detail, "current");
        p.total = bytesOf(*detail, "total");
    }
    if (p.status.rfind("Digest: ", 0) == 0) digest_ = p.status.substr(8);
    if (p.status.rfind("Status: ", 0) == 0) lastStatus_ = p.status.substr(8);
    ++events_;
    if (onProgress_) onProgress_(p);
}

RuntimeError pullError(const std::string& message) {
    bool missing = mentions(message, "not found") || mentions(message, "manifest unknown") ||
                   mentions(message, "does not exist") || mentions(message, "repository name not known");
    return {missing ? ErrorKind::ImageNotFound : ErrorKind::EngineError, message};
}

}  // namespace rivetr::runtime
