// What a worker thread owns (its io_context, acceptors, upstream pool) and what all workers share.
#pragma once

#include <atomic>
#include <optional>
#include <thread>

#include "proxy/asio.hpp"
#include "proxy/cert_store.hpp"
#include "proxy/challenges.hpp"
#include "proxy/metrics.hpp"
#include "proxy/proxy_options.hpp"
#include "proxy/route_table.hpp"
#include "proxy/upstream_pool.hpp"

namespace rivetr::proxy {

struct ProxyShared {
    explicit ProxyShared(ProxyOptions o) : opts(std::move(o)) {}
    const ProxyOptions opts;
    RouteTable routes;
    Metrics metrics;
    Challenges challenges;
    CertStore certs;
    std::atomic<std::uint16_t> httpsPortForRedirect{443};
};

struct Worker {
    Worker(ProxyShared& s, unsigned i)
        : index(i), shared(s), pool(s.opts.maxIdlePerUpstream, s.opts.upstreamIdleTimeout) {}
    const unsigned index;  // which shard of the shared counters this worker counts in
    // One thread per context, and only that thread touches its sockets, so the reactor may skip
    // its I/O locks (posts from other threads, e.g. drain cancellation, still go through the locked queue).
    asio::io_context ioc{BOOST_ASIO_CONCURRENCY_HINT_UNSAFE_IO};
    ProxyShared& shared;
    UpstreamPool pool;
    std::optional<TcpAcceptor> http;
    std::optional<TcpAcceptor> https;
    std::thread thread;
};

// Serves one accepted client connection on the worker's thread until it closes.
void startSession(Worker& w, TcpSocket socket, bool tls);

}  // namespace rivetr::proxy
