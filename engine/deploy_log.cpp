// One deployment's log: lines reach the store in batches (≤ 250 ms apart) and are announced once stored.
#include "engine/deploy_log.hpp"

#include "core/clock.hpp"
#include "core/log.hpp"
#include "core/url_userinfo.hpp"

namespace rivetr::engine {
namespace {

constexpr std::size_t kBatchLines = 200;
constexpr std::int64_t kBatchMs = 250;
constexpr std::size_t kRecent = 50;
constexpr std::size_t kMaxLine = 8192;

}  // namespace

std::string cleanLogText(std::string_view raw) {
    std::string out;
    out.reserve(raw.size());
    for (std::size_t i = 0; i < raw.size(); ++i) {
        char c = raw[i];
        if (c == '\x1b' && i + 1 < raw.size() && raw[i + 1] == '[') {
            i += 2;
            while (i < raw.size() && !(raw[i] >= '@' && raw[i] <= '~')) ++i;
            continue;
        }
        if (c == '\r') continue;
        out += c;
    }
    if (out.size() > kMaxLine) out.resize(kMaxLine);
    // The log is shown to viewers and streamed: a URL's credentials (in a tool's output, a
    // remote's message) never reach it. Cheap for lines without "://".
    if (out.find("://") != std::string::npos) out = redactUrlCredentials(out);
    return out;
}

DeployLog::DeployLog(store::DeploymentRepository& repo, DeploymentEvents& events, std::string deploymentId,
                     std::string appId)
    : repo_(repo), events_(events), deploymentId_(std::move(deploymentId)), appId_(std::move(appId)) {
    flusher_ = std::jthread([this](std::stop_token stop) {
        std::unique_lock lock(mutex_);
        while (!stop.stop_requested()) {
            wake_.wait_for(lock, stop, std::chrono::milliseconds(kBatchMs), [] { return false; });
            if (pending_.empty() || stop.stop_requested()) continue;
            lock.unlock();
            try {
                flush();
            } catch (const std::exception& e) {
                log::warn("deploy_log.flush_failed", {{"deployment", deploymentId_}, {"error", e.what()}});
            }
            lock.lock();
        }
    });
}

DeployLog::~DeployLog() {
    flusher_.request_stop();
    flusher_.join();
    try {
        flush();
    } catch (const std::exception& e) {
        log::error("deploy_log.flush_failed", {{"deployment", deploymentId_}, {"error", e.what()}});
    }
}

void DeployLog::write(const std::string& stream, std::string_view text) {
    std::size_t start = 0;
    while (start < text.size()) {
        auto nl = text.find('\n', start);
        auto piece = text.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start);
        auto line = cleanLogText(piece);
        if (!line.empty()) addLine(stream, std::move(line));
        if (nl == std::string_view::npos) break;
        start = nl + 1;
    }
}

void DeployLog::addLine(const std::string& stream, std::string line) {
    bool flushNow = false;
    {
        std::lock_guard lock(mutex_);
        auto now = nowMs();
        pending_.push_back({0, now, stream, line});
        recent_.push_back(line);
        if (recent_.size() > kRecent) recent_.erase(recent_.begin());
        flushNow = pending_.size() >= kBatchLines || now - lastFlushMs_ >= kBatchMs;
    }
    if (flushNow) flush();
}

void DeployLog::flush() {
    std::lock_guard ordered(flushMutex_);
    std::vector<store::LogLine> batch;
    {
        std::lock_guard lock(mutex_);
        batch.swap(pending_);
        lastFlushMs_ = nowMs();
    }
    repo_.appendLogs(deploymentId_, batch);
    // Announced once stored: a subscriber that reads the store on the event finds the line there.
    for (auto& l : batch) {
        DeploymentEvent e;
        e.kind = DeploymentEvent::Kind::Log;
        e.deploymentId = deploymentId_;
        e.appId = appId_;
        e.stream = std::move(l.stream);
        e.line = std::move(l.line);
        events_.publish(e);
    }
}

std::vector<std::string> DeployLog::tail(std::size_t n) const {
    std::lock_guard lock(mutex_);
    auto from = recent_.size() > n ? recent_.end() - static_cast<long>(n) : recent_.begin();
    return {from, recent_.end()};
}

}  // namespace rivetr::engine
