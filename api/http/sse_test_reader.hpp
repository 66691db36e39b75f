// Test helper: reads a server-sent event stream on its own thread (libcurl undoes the chunking).
#pragma once

#include <nlohmann/json.hpp>

#include <atomic>
#include <chrono>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/http_client.hpp"

namespace rivetr::test {

using namespace std::chrono_literals;

// Reads an SSE response on its own thread with libcurl (which undoes the chunking).
class SseReader {
public:
    // The transfer is given up after `limit` (a test's bound, not the server's).
    SseReader(const std::string& url, std::vector<std::string> headers, std::chrono::milliseconds limit = 60s) {
        thread_ = std::thread([this, url, headers, limit] {
            http::Request req;
            req.url = url;
            req.headers = headers;
            req.timeout = limit;
            req.onData = [this](std::string_view bytes) {
                std::lock_guard lock(mutex_);
                text_.append(bytes);
            };
            req.cancelled = [this] { return stop_.load(); };
            auto r = http::perform(req);
            std::lock_guard lock(mutex_);
            text_ += r.body;  // an error reply's body (a successful one was streamed above)
            status_ = r.status;
            result_ = stop_ ? std::string() : r.error;
            done_ = true;
        });
    }
    ~SseReader() {
        stop_ = true;
        thread_.join();
    }
    bool waitFor(const std::string& part, std::chrono::milliseconds timeout = 10s) {
        auto end = std::chrono::steady_clock::now() + timeout;
        while (std::chrono::steady_clock::now() < end) {
            if (text().find(part) != std::string::npos) return true;
            std::this_thread::sleep_for(20ms);
        }
        return false;
    }
    bool waitDone(std::chrono::milliseconds timeout) {
        auto end = std::chrono::steady_clock::now() + timeout;
        while (std::chrono::steady_clock::now() < end) {
            {
                std::lock_guard lock(mutex_);
                if (done_) return true;
            }
            std::this_thread::sleep_for(20ms);
        }
        return false;
    }
    bool done() {
        std::lock_guard lock(mutex_);
        return done_;
    }
    // Why the transfer failed (a broken chunked body, a reset), empty when it ended cleanly or is open.
    std::string error() {
        std::lock_guard lock(mutex_);
        return result_;
    }
    std::string text() {
        std::lock_guard lock(mutex_);
        return text_;
    }
    // The id of the last event that had one ("" when none had).
    std::string lastEventId() {
        auto t = text();
        auto pos = t.rfind("\nid: ");
        if (pos == std::string::npos) return {};
        pos += 5;
        return t.substr(pos, t.find('\n', pos) - pos);
    }
    // The `data:` of every event named `name`, parsed.
    std::vector<nlohmann::json> events(const std::string& name) {
        std::vector<nlohmann::json> out;
        auto t = text();
        std::size_t pos = 0;
        std::string marker = "event: " + name + "\ndata: ";
        while ((pos = t.find(marker, pos)) != std::string::npos) {
            pos += marker.size();
            out.push_back(nlohmann::json::parse(t.substr(pos, t.find('\n', pos) - pos)));
        }
        return out;
    }

private:
    std::thread thread_;
    std::mutex mutex_;
    std::string text_;
    long status_ = 0;
    std::string result_;
    bool done_ = false;
    std::atomic<bool> stop_{false};
};

inline std::vector<std::string> logLines(SseReader& r) {
    std::vector<std::string> out;
    for (const auto& e : r.events("log")) out.push_back(e["line"]);
    return out;
}

}  // namespace rivetr::test
