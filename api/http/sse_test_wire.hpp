// Test helper: a socket pair standing in for an SSE client connection, read from the test's end.
#pragma once

#include <gtest/gtest.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <functional>
#include <string>
#include <thread>

namespace rivetr::api::test {

using namespace std::chrono_literals;

struct Wire {
    int fds[2];
    Wire() { EXPECT_EQ(socketpair(AF_UNIX, SOCK_STREAM, 0, fds), 0); }
    ~Wire() { ::close(fds[1]); }
    // Reads what arrives within `wait` (until `until` is seen).
    std::string read(const std::string& until, std::chrono::milliseconds wait = 2s) {
        std::string got;
        auto end = std::chrono::steady_clock::now() + wait;
        while (got.find(until) == std::string::npos && std::chrono::steady_clock::now() < end) {
            pollfd p{fds[1], POLLIN, 0};
            if (::poll(&p, 1, 50) <= 0) continue;
            char buf[4096];
            auto n = ::read(fds[1], buf, sizeof buf);
            if (n <= 0) break;
            got.append(buf, static_cast<std::size_t>(n));
        }
        return got;
    }
};

inline bool eventually(const std::function<bool()>& f, std::chrono::milliseconds wait = 2s) {
    auto end = std::chrono::steady_clock::now() + wait;
    while (!f() && std::chrono::steady_clock::now() < end) std::this_thread::sleep_for(10ms);
    return f();
}

}  // namespace rivetr::api::test
