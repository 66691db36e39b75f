// Reads a server-sent event stream of the control API (e.g. `rivetr logs -f`) until it ends or is stopped.
#include "cli/sse_client.hpp"

#include <curl/curl.h>

#include <memory>

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

namespace {

struct Transfer {
    SseParser parser;
    const std::atomic<bool>& stop;
    std::string errorBody;
    long status = 0;
    CURL* curl = nullptr;
};

size_t onBytes(char* p, size_t, size_t n, void* self) {
    auto* t = static_cast<Transfer*>(self);
    if (t->status == 0) curl_easy_getinfo(t->curl, CURLINFO_RESPONSE_CODE, &t->status);
    if (t->status >= 400) {
        t->errorBody.append(p, n);
    } else {
        t->parser.feed(std::string_view(p, n));
    }
    return n;
}

int onProgress(void* self, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
    return static_cast<Transfer*>(self)->stop ? 1 : 0;
}

}  // namespace

void readEvents(const ApiClient& api, const std::string& path, const SseParser::OnEvent& onEvent,
                const std::atomic<bool>& stop) {
    std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
    if (!curl) throw ApiError(0, "cannot initialise libcurl");
    Transfer t{SseParser(onEvent), stop, {}, 0, curl.get()};
    CURL* c = curl.get();
    curl_slist* headers = curl_slist_append(nullptr, "Accept: text/event-stream");
    const auto& opts = api.options();
    if (!opts.token.empty()) headers = curl_slist_append(headers, ("Authorization: Bearer " + opts.token).c_str());
    std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> guard(headers, curl_slist_free_all);
    std::string url = opts.url + path;
    curl_easy_setopt(c, CURLOPT_URL, url.c_str());
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, onBytes);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &t);
    curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, onProgress);
    curl_easy_setopt(c, CURLOPT_XFERINFODATA, &t);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, 10000L);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    auto rc = curl_easy_perform(c);
    if (rc == CURLE_ABORTED_BY_CALLBACK && stop) return;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &t.status);
    if (t.status >= 400) throw ApiError(static_cast<int>(t.status), describeHttpError(t.status, t.errorBody));
    if (rc != CURLE_OK) throw ApiError(0, "the stream from " + opts.url + " broke: " + curl_easy_strerror(rc));
}

}  // namespace rivetr::cli
