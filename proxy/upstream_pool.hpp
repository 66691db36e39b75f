// Keep-alive connections to upstreams, per worker (one thread), keyed by host:port: no locks on the hot path.
#pragma once

#include <chrono>
#include <deque>
#include <memory>
#include <string>
#include <unordered_map>

#include "proxy/asio.hpp"
#include "proxy/target.hpp"

namespace rivetr::proxy {

struct UpstreamConn {
    explicit UpstreamConn(TcpSocket s) : socket(std::move(s)) {}
    TcpSocket socket;  // timeouts come from the user's Watchdog (or a TcpStream wrapped around it)
    beast::flat_buffer buffer;  // bytes read past a response stay with their connection
    bool reused = false;
};

class UpstreamPool {
public:
    UpstreamPool(std::size_t maxIdlePerKey, std::chrono::milliseconds maxIdle)
        : maxIdlePerKey_(maxIdlePerKey), maxIdle_(maxIdle) {}

    // A pooled connection (marked reused) or nullptr. Only a clean one (idleAndClean) is handed out.
    std::shared_ptr<UpstreamConn> take(const std::string& key);
    void give(const std::string& key, std::shared_ptr<UpstreamConn> conn);
    void clear() { idle_.clear(); }
    std::size_t idleCount() const;

private:
    struct Idle {
        std::shared_ptr<UpstreamConn> conn;
        std::chrono::steady_clock::time_point since;
    };
    std::size_t maxIdlePerKey_;
    std::chrono::milliseconds maxIdle_;
    std::unordered_map<std::string, std::deque<Idle>> idle_;
};

// Opens a fresh connection (IP literal or resolved name) within `timeout`; sets TCP_NODELAY.
Task<std::shared_ptr<UpstreamConn>> connectUpstream(const Endpoint& ep, std::chrono::milliseconds timeout,
                                                   beast::error_code& ec);

// True when an idle connection may carry a new request: open, and nothing unread on it (one
// non-blocking peek). Bytes arriving on an idle connection answer no request of ours (an upstream
// that read one request as two): reusing it would hand them to the next client, so it is dropped.
bool idleAndClean(UpstreamConn& conn);

}  // namespace rivetr::proxy
