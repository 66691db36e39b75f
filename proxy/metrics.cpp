// Latency histogram and gauges of the proxy.
#include "proxy/metrics.hpp"

namespace rivetr::proxy {

void Metrics::observeLatency(double seconds) {
    std::size_t i = 0;
    while (i < kLatencyBuckets.size() && seconds > kLatencyBuckets[i]) ++i;
    buckets_[i].fetch_add(1, std::memory_order_relaxed);
    sumMicros_.fetch_add(static_cast<std::uint64_t>(seconds * 1e6), std::memory_order_relaxed);
    count_.fetch_add(1, std::memory_order_relaxed);
}

void Metrics::fill(MetricsSnapshot& out) const {
    for (std::size_t i = 0; i < buckets_.size(); ++i) out.latencyBuckets[i] = buckets_[i].load(std::memory_order_relaxed);
    out.latencySumSeconds = static_cast<double>(sumMicros_.load(std::memory_order_relaxed)) / 1e6;
    out.requests = count_.load(std::memory_order_relaxed);
    auto open = open_.load(std::memory_order_relaxed);
    out.openConnections = open > 0 ? static_cast<std::uint64_t>(open) : 0;
    out.upstreamConnectErrors = connectErrors_.load(std::memory_order_relaxed);
}

}  // namespace rivetr::proxy
