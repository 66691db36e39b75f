// An in-process upstream for the proxy tests (Beast): hello, slow, streamed bodies, header echo and WebSocket echo.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "core/non_copyable.hpp"


namespace rivetr::proxy::test {

class TestBackend : NonCopyable {
public:
    // port 0: any free port; a fixed port lets a test restart a backend "in place".
    explicit TestBackend(std::string name = "backend", std::uint16_t port = 0);
    ~TestBackend();

    std::uint16_t port() const { return port_; }
    const std::string& name() const { return name_; }
    int requests() const { return requests_.load(); }
    std::string lastRequestHeaders() const;

    // Routes: GET /hello -> "hello from <name>"; GET /slow?ms=N; POST /count -> byte count of the body;
    // GET /bytes?n=N -> N bytes streamed; GET /headers; GET /status?code=N; /ws -> WebSocket echo.
    struct Impl;

private:
    std::string name_;
    std::uint16_t port_ = 0;
    std::atomic<int> requests_{0};
    std::unique_ptr<Impl> impl_;
};

}  // namespace rivetr::proxy::test
