// Reads a server-sent event stream of the control API (e.g. `rivetr logs -f`) until it ends or is stopped.
#include "cli/sse_client.hpp"

namespace rivetr::cli {

void SseParser::feed(std::string_view bytes) {
    buffer_.append(bytes);
    std::size_t start = 0;
    for (auto nl = buffer_.find('\n'); nl != std::string::npos; nl = buffer_.find('\n', start)) {
        auto l = buffer_.substr(start, nl - start);
        if (!l.empty() && l.back() == '\r') l.pop_back();
        line(l);
        start = nl + 1;
    }
    buffer_.erase(0, start);
}

void SseParser::line(const std::string& l) {
    if (l.empty()) {
        if (hasData_) onEvent_(event_.empty() ? "message" : event_, data_);
        event_.clear();
        data_.clear();
        hasData_ = false;
        return;
    }
    if (l[0] == ':') return;  // comment (pings)
    auto colon = l.find(':');
    auto field = l.substr(0, colon);
    std::string value = colon == std::string::npos ? "" : l.substr(colon + 1);
    if (!value.empty() && value[0] == ' ') value.erase(0, 1);
    if (field == "event") event_ = value;
    if (field == "data") {
        if (hasData_) data_ += "\n";
        data_ += value;
        hasData_ = true;
    }
}

void readEvents(const ApiClient& api, const std::string& path, const SseParser::OnEvent& onEvent,
                const std::atomic<bool>& stop, const nlohmann::json& body) {
    SseParser parser(onEvent);
    auto req = api.request(body.is_null() ? "GET" : "POST", path, "text/event-stream");
    if (!body.is_null()) {
        req.body = body.dump();
        req.headers.push_back("Content-Type: application/json");
    }
    req.onData = [&parser](std::string_view bytes) { parser.feed(bytes); };
    req.cancelled = [&stop] { return stop.load(); };
    auto r = http::perform(req);
    if (r.failure == http::Failure::Cancelled && stop) return;
    if (r.status >= 400) throw ApiError(static_cast<int>(r.status), describeHttpError(r.status, r.body));
    if (!r.ok()) throw ApiError(0, "the stream from " + api.options().url + " broke: " + r.error);
}

}  // namespace rivetr::cli
