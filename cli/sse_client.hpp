// Reads a server-sent event stream of the control API (e.g. `rivetr logs -f`) until it ends or is stopped.
#pragma once

#include <atomic>
#include <functional>
#include <string>

#include "cli/api_client.hpp"

namespace rivetr::cli {

// Splits the byte stream into events (`event:` and `data:` lines up to a blank line); exposed for tests.
class SseParser {
public:
    using OnEvent = std::function<void(const std::string& event, const std::string& data)>;
    explicit SseParser(OnEvent onEvent) : onEvent_(std::move(onEvent)) {}
    void feed(std::string_view bytes);

private:
    void line(const std::string& l);
    OnEvent onEvent_;
    std::string buffer_, event_, data_;
    bool hasData_ = false;
};

// GETs `path` (POSTs `body` as JSON when it is not null) and calls `onEvent` for each event. Returns
// normally when the server ends the stream or `stop` becomes true (checked about once a second);
// throws ApiError for a refused request or a broken connection.
void readEvents(const ApiClient& api, const std::string& path, const SseParser::OnEvent& onEvent,
                const std::atomic<bool>& stop, const nlohmann::json& body = nullptr);

}  // namespace rivetr::cli
