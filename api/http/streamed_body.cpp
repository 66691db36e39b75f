// A request body too large to buffer (a volume archive), handed to its route as a stream while it arrives.
#include "api/http/streamed_body.hpp"

#include <algorithm>
#include <cstring>
#include <map>
#include <stdexcept>

#include "core/crypto.hpp"

namespace rivetr::api {
namespace {

std::mutex registryMutex;
std::map<std::string, std::shared_ptr<StreamedBody>>& registry() {
    static std::map<std::string, std::shared_ptr<StreamedBody>> bodies;
    return bodies;
}

}  // namespace

StreamedBody::StreamedBody(std::uint64_t length, std::function<void(bool)> setReading)
    : length_(length), setReading_(std::move(setReading)) {}

std::string StreamedBody::takeSpare() {
    if (spare_.empty()) {
        std::string chunk;
        chunk.reserve(kChunk);
        return chunk;
    }
    auto chunk = std::move(spare_.back());
    spare_.pop_back();
    return chunk;
}

void StreamedBody::arrive(std::string_view data) {
    bool pause = false;
    {
        std::unique_lock lock(m_);
        auto wanted = static_cast<std::size_t>(std::min<std::uint64_t>(data.size(), length_ - received_));
        if (wanted == 0) return;
        queued_ += wanted;
        received_ += wanted;
        for (data = data.substr(0, wanted); !data.empty();) {
            if (queue_.empty() || queue_.back().size() == kChunk) queue_.push_back(takeSpare());
            auto& back = queue_.back();
            auto n = std::min(data.size(), kChunk - back.size());
            back.append(data.substr(0, n));
            data.remove_prefix(n);
        }
        pause = queued_ >= kHighWater && !paused_;
        paused_ = paused_ || pause;
        cv_.notify_all();
        // The reader's own idle limit bounds the wait: a reader that stops for longer has failed anyway.
        if (queued_ >= kHardCap && reading_)
            cv_.wait_for(lock, std::chrono::seconds(60), [&] { return queued_ < kHighWater || !reading_ || gone_; });
    }
    if (pause) setReading_(false);  // what the current read loop still takes is queued, up to kHardCap
}

void StreamedBody::disconnected() {
    {
        std::lock_guard lock(m_);
        gone_ = true;
    }
    cv_.notify_all();
}

std::size_t StreamedBody::read(char* out, std::size_t max, std::chrono::seconds idle) {
    std::unique_lock lock(m_);
    if (delivered_ == length_) return 0;
    if (!cv_.wait_for(lock, idle, [&] { return !queue_.empty() || gone_; })) {
        throw std::runtime_error("the client sent nothing for " + std::to_string(idle.count()) + " s");
    }
    if (queue_.empty()) throw std::runtime_error("the client closed the connection before the body's end");
    auto n = copyOut(out, max);
    bool resume = paused_ && queued_ < kHighWater / 4;
    if (resume) paused_ = false;
    lock.unlock();
    cv_.notify_all();  // an arrive() waiting at kHardCap
    if (resume) setReading_(true);
    return n;
}

// Under m_: moves queued bytes out, front chunk first; an emptied chunk goes back to the spares (as many
// as the hard cap can use, so a body's own memory stays bounded too).
std::size_t StreamedBody::copyOut(char* out, std::size_t max) {
    std::size_t n = 0;
    while (n < max && !queue_.empty()) {
        auto& front = queue_.front();
        auto take = std::min(max - n, front.size() - offset_);
        std::memcpy(out + n, front.data() + offset_, take);
        n += take;
        offset_ += take;
        if (offset_ < front.size()) break;
        front.clear();
        if (spare_.size() < kHardCap / kChunk + 2) spare_.push_back(std::move(front));
        queue_.pop_front();
        offset_ = 0;
    }
    queued_ -= n;
    delivered_ += n;
    return n;
}

std::size_t StreamedBody::queuedBytes() {
    std::lock_guard lock(m_);
    return queued_;
}

std::string StreamedBody::enroll(std::shared_ptr<StreamedBody> body) {
    auto token = crypto::toHex(crypto::randomBytes(16));
    std::lock_guard lock(registryMutex);
    registry()[token] = std::move(body);
    return token;
}

void StreamedBody::withdraw(const std::string& token) {
    std::lock_guard lock(registryMutex);
    registry().erase(token);
}

std::shared_ptr<StreamedBody> StreamedBody::claim(const Pistache::Rest::Request& req) {
    auto h = req.headers().tryGetRaw(kHeader);
    return h ? claim(h->value()) : nullptr;
}

std::shared_ptr<StreamedBody> StreamedBody::claim(const std::string& token) {
    std::shared_ptr<StreamedBody> body;
    {
        std::lock_guard lock(registryMutex);
        auto it = registry().find(token);
        if (it == registry().end()) return nullptr;
        body = it->second;
        registry().erase(it);
    }
    {
        std::lock_guard bodyLock(body->m_);
        body->reading_ = true;
    }
    // The route's pointer says when it lets go (returned, or failed): arrive() then stops waiting for it.
    return std::shared_ptr<StreamedBody>(body.get(), [body](StreamedBody*) {
        {
            std::lock_guard bodyLock(body->m_);
            body->reading_ = false;
        }
        body->cv_.notify_all();
    });
}

}  // namespace rivetr::api
