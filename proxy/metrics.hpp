// Counters the data plane keeps (requests by route and status class, latency, connections) for /metrics.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <string>

namespace rivetr::proxy {

// Per-request counters are kept in this many cache-line-sized shards, one per worker (index modulo
// the count): a single shared line bounced between cores on every request, and at 200 connections on
// two cores that cost more than the counting itself. Readers sum the shards.
inline constexpr std::size_t kCounterShards = 8;

// Upper bounds (seconds) of the latency histogram buckets; the last bucket is +Inf.
inline constexpr std::array<double, 12> kLatencyBuckets = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                           0.1,   0.25,   0.5,   1.0,  2.5,   10.0};

// A plain copy, safe to render on another thread.
struct MetricsSnapshot {
    struct RouteCounts {
        std::array<std::uint64_t, 6> byClass{};  // [0] no response (aborted), [1..5] 1xx..5xx
    };
    std::map<std::string, RouteCounts> routes;
    std::array<std::uint64_t, kLatencyBuckets.size() + 1> latencyBuckets{};  // non-cumulative
    double latencySumSeconds = 0;
    std::uint64_t requests = 0;
    std::uint64_t openConnections = 0;
    std::uint64_t upstreamConnectErrors = 0;
};

// Process-wide counters of one Proxy. Relaxed atomics: totals, not a consistent cut.
class Metrics {
public:
    void connectionOpened() { open_.fetch_add(1, std::memory_order_relaxed); }
    void connectionClosed() { open_.fetch_sub(1, std::memory_order_relaxed); }
    void upstreamConnectError() { connectErrors_.fetch_add(1, std::memory_order_relaxed); }
    void observeLatency(std::size_t shard, double seconds);
    void fill(MetricsSnapshot& out) const;

private:
    struct alignas(64) Shard {
        std::array<std::atomic<std::uint64_t>, kLatencyBuckets.size() + 1> buckets{};
        std::atomic<std::uint64_t> sumMicros{0};
        std::atomic<std::uint64_t> count{0};
    };
    std::array<Shard, kCounterShards> shards_{};
    std::atomic<std::int64_t> open_{0};
    std::atomic<std::uint64_t> connectErrors_{0};
};

}  // namespace rivetr::proxy
