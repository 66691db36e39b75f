// LIFO reuse (the most recently used connection is the least likely to have been closed by the upstream).
#include "proxy/upstream_pool.hpp"

#include <sys/socket.h>

namespace rivetr::proxy {

std::shared_ptr<UpstreamConn> UpstreamPool::take(const std::string& key) {
    auto it = idle_.find(key);
    if (it == idle_.end()) return nullptr;
    auto& q = it->second;
    const auto now = std::chrono::steady_clock::now();
    while (!q.empty() && now - q.front().since > maxIdle_) q.pop_front();  // stale: the upstream may drop it any moment
    while (!q.empty()) {
        auto conn = std::move(q.back().conn);
        q.pop_back();
        if (!idleAndClean(*conn)) continue;  // dropped here: the last reference closes it
        conn->reused = true;
        return conn;
    }
    return nullptr;
}

void UpstreamPool::give(const std::string& key, std::shared_ptr<UpstreamConn> conn) {
    auto& q = idle_[key];
    if (q.size() >= maxIdlePerKey_) q.pop_front();
    q.push_back({std::move(conn), std::chrono::steady_clock::now()});
}

std::size_t UpstreamPool::idleCount() const {
    std::size_t n = 0;
    for (const auto& [k, q] : idle_) n += q.size();
    return n;
}

Task<std::shared_ptr<UpstreamConn>> connectUpstream(const Endpoint& ep, std::chrono::milliseconds timeout,
                                                   beast::error_code& ec) {
    auto ex = co_await asio::this_coro::executor;
    // Connecting is rare (pooled connections are reused), so Beast's per-operation timeout is fine here.
    TcpStream stream(ex);
    stream.expires_after(timeout);
    boost::system::error_code addrEc;
    auto addr = asio::ip::make_address(ep.host, addrEc);
    if (!addrEc) {
        co_await stream.async_connect(tcp::endpoint(addr, ep.port), redirect(ec));
    } else {
        asio::ip::basic_resolver<tcp, Executor> resolver(ex);
        auto results = co_await resolver.async_resolve(ep.host, std::to_string(ep.port),
                                                       redirect(ec));
        if (!ec) co_await stream.async_connect(results, redirect(ec));
    }
    if (ec) co_return nullptr;
    stream.expires_never();
    stream.socket().set_option(tcp::no_delay(true), addrEc);
    co_return std::make_shared<UpstreamConn>(stream.release_socket());
}

bool idleAndClean(UpstreamConn& conn) {
    if (conn.buffer.size() != 0) return false;
    char byte;
    auto n = ::recv(conn.socket.native_handle(), &byte, 1, MSG_PEEK | MSG_DONTWAIT);
    return n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK);
}

}  // namespace rivetr::proxy
