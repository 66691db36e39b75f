// A bounded pipe between a producer that pushes bytes and a consumer that pulls them, on two threads.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <mutex>
#include <string>
#include <string_view>

namespace rivetr::volumes {

// Why: the engine's archive read pushes (a callback per piece) and its archive write pulls (a read
// callback); copying a volume into another joins the two without holding more than `capacity` bytes.
class ByteChannel {
public:
    explicit ByteChannel(std::size_t capacity) : capacity_(capacity) {}

    // Blocks while full. Throws std::runtime_error once the consumer gave up.
    void push(std::string_view data);
    // The producer is done; `error` set: it failed, and the consumer's pull throws it.
    void close(std::exception_ptr error = nullptr);
    // Blocks while empty; 0 at the end.
    std::size_t pull(char* out, std::size_t max);
    // The consumer stops: a blocked or later push throws.
    void abandon();

private:
    std::mutex m_;
    std::condition_variable cv_;
    std::deque<std::string> chunks_;
    std::size_t offset_ = 0, bytes_ = 0, capacity_;
    bool closed_ = false, abandoned_ = false;
    std::exception_ptr error_;
};

}  // namespace rivetr::volumes
