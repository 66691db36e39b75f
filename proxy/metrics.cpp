// Latency histogram and gauges of the proxy.
#include "proxy/metrics.hpp"

namespace rivetr::proxy {

void Metrics::observeLatency(std::size_t shard, double seconds) {
    auto& s = shards_[shard % kCounterShards];
    std::size_t i = 0;
    while (i < kLatencyBuckets.size() && seconds > kLatencyBuckets[i]) ++i;
    s.buckets[i].fetch_add(1, std::memory_order_relaxed);
    s.sumMicros.fetch_add(static_cast<std::uint64_t>(seconds * 1e6), std::memory_order_relaxed);
    s.count.fetch_add(1, std::memory_order_relaxed);
}

void Metrics::fill(MetricsSnapshot& out) const {
    std::uint64_t sumMicros = 0;
    out.latencyBuckets = {};
    out.requests = 0;
    for (const auto& s : shards_) {
        for (std::size_t i = 0; i < s.buckets.size(); ++i) out.latencyBuckets[i] += s.buckets[i].load(std::memory_order_relaxed);
        sumMicros += s.sumMicros.load(std::memory_order_relaxed);
        out.requests += s.count.load(std::memory_order_relaxed);
    }
    out.latencySumSeconds = static_cast<double>(sumMicros) / 1e6;
    auto open = open_.load(std::memory_order_relaxed);
    out.openConnections = open > 0 ? static_cast<std::uint64_t>(open) : 0;
    out.upstreamConnectErrors = connectErrors_.load(std::memory_order_relaxed);
}

}  // namespace rivetr::proxy
