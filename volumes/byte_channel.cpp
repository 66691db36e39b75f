// A bounded pipe between a producer that pushes bytes and a consumer that pulls them, on two threads.
#include "volumes/byte_channel.hpp"

#include <algorithm>
#include <cstring>
#include <stdexcept>

namespace rivetr::volumes {

void ByteChannel::push(std::string_view data) {
    std::unique_lock lock(m_);
    cv_.wait(lock, [&] { return abandoned_ || bytes_ < capacity_; });
    if (abandoned_) throw std::runtime_error("the reading side stopped");
    chunks_.emplace_back(data);
    bytes_ += data.size();
    cv_.notify_all();
}

void ByteChannel::close(std::exception_ptr error) {
    std::lock_guard lock(m_);
    closed_ = true;
    error_ = error;
    cv_.notify_all();
}

std::size_t ByteChannel::pull(char* out, std::size_t max) {
    std::unique_lock lock(m_);
    cv_.wait(lock, [&] { return !chunks_.empty() || closed_; });
    if (chunks_.empty()) {
        if (error_) std::rethrow_exception(error_);
        return 0;
    }
    auto& front = chunks_.front();
    auto n = std::min(max, front.size() - offset_);
    std::memcpy(out, front.data() + offset_, n);
    offset_ += n;
    bytes_ -= n;
    if (offset_ == front.size()) {
        chunks_.pop_front();
        offset_ = 0;
    }
    cv_.notify_all();
    return n;
}

void ByteChannel::abandon() {
    std::lock_guard lock(m_);
    abandoned_ = true;
    cv_.notify_all();
}

}  // namespace rivetr::volumes
