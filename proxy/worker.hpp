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
    explicit Worker(ProxyShared& s)
        : shared(s), pool(s.opts.maxIdlePerUpstream, s.opts.upstreamIdleTimeout) {}
    asio::io_context ioc{1};  // one thread: sessions and the pool need no locks
    ProxyShared& shared;
    UpstreamPool pool;
    std::optional<tcp::acceptor> http;
    std::optional<tcp::acceptor> https;
    std::thread thread;
};

// Serves one accepted client connection on the worker's thread until it closes.
void startSession(Worker& w, tcp::socket socket, bool tls);

}  // namespace rivetr::proxy
