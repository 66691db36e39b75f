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

void StreamedBody::arrive(std::string_view data) {
    bool pause = false;
    {
        std::lock_guard lock(m_);
        auto wanted = static_cast<std::size_t>(std::min<std::uint64_t>(data.size(), length_ - received_));
        if (wanted == 0) return;
        queue_.emplace_back(data.substr(0, wanted));
        queued_ += wanted;
        received_ += wanted;
        pause = queued_ >= kHighWater && !paused_;
        paused_ = paused_ || pause;
    }
    cv_.notify_all();
    if (pause) setReading_(false);  // what the current read loop still takes is queued; nothing after
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
    auto& front = queue_.front();
    auto n = std::min(max, front.size() - offset_);
    std::memcpy(out, front.data() + offset_, n);
    offset_ += n;
    queued_ -= n;
    delivered_ += n;
    if (offset_ == front.size()) {
        queue_.pop_front();
        offset_ = 0;
    }
    bool resume = paused_ && queued_ < kHighWater / 4;
    if (resume) paused_ = false;
    lock.unlock();
    if (resume) setReading_(true);
    return n;
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
    if (!h) return nullptr;
    std::lock_guard lock(registryMutex);
    auto it = registry().find(h->value());
    if (it == registry().end()) return nullptr;
    auto body = it->second;
    registry().erase(it);
    return body;
}

}  // namespace rivetr::api
