// The data plane's counters: what each worker counts in its own shard adds up to what /metrics shows.
#include <gtest/gtest.h>

#include "proxy/metrics.hpp"
#include "proxy/route_table.hpp"

namespace rivetr::proxy {
namespace {

TEST(Metrics, ShardsAddUpToOneHistogram) {
    Metrics m;
    m.observeLatency(0, 0.0005);                  // first bucket (<= 1 ms)
    m.observeLatency(1, 0.003);                   // <= 5 ms
    m.observeLatency(kCounterShards + 1, 0.003);  // a worker index past the shard count wraps around
    m.observeLatency(5, 60.0);                    // +Inf
    MetricsSnapshot s;
    m.fill(s);
    EXPECT_EQ(s.requests, 4u);
    EXPECT_EQ(s.latencyBuckets[0], 1u);
    EXPECT_EQ(s.latencyBuckets[2], 2u);
    EXPECT_EQ(s.latencyBuckets.back(), 1u);
    EXPECT_NEAR(s.latencySumSeconds, 60.0065, 1e-6);
}

TEST(RouteStats, CountsByStatusClassAcrossWorkers) {
    RouteStats r;
    r.count(0, 200);
    r.count(3, 204);
    r.count(kCounterShards + 3, 502);
    r.count(1, 0);    // no response at all
    r.count(2, 700);  // nonsense status: counted as no response, never out of bounds
    EXPECT_EQ(r.total(2), 2u);
    EXPECT_EQ(r.total(5), 1u);
    EXPECT_EQ(r.total(0), 2u);
    EXPECT_EQ(r.total(4), 0u);
}

}  // namespace
}  // namespace rivetr::proxy
