// The route table: an immutable snapshot of host -> backend, swapped atomically by one writer; readers never lock.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "proxy/metrics.hpp"
#include "proxy/target.hpp"

namespace rivetr::proxy {

// Per-route request counters, carried from snapshot to snapshot so a switch keeps the totals;
// sharded per worker like Metrics (metrics.hpp).
struct RouteStats {
    struct alignas(64) Shard {
        std::array<std::atomic<std::uint64_t>, 6> byClass{};  // index = status / 100 (0: no response)
    };
    std::array<Shard, kCounterShards> shards{};

    void count(std::size_t shard, int status) {
        const auto cls = status >= 100 && status < 600 ? static_cast<std::size_t>(status / 100) : 0;
        shards[shard % kCounterShards].byClass[cls].fetch_add(1, std::memory_order_relaxed);
    }
    std::uint64_t total(std::size_t statusClass) const {
        std::uint64_t n = 0;
        for (const auto& s : shards) n += s.byClass[statusClass].load(std::memory_order_relaxed);
        return n;
    }
};

// What a host resolves to: one or more targets picked round robin.
struct Backend {
    std::string name;  // app id, or "external:<domain>"
    std::vector<std::shared_ptr<Target>> targets;
    bool redirectHttps = false;
    std::string proxyMark;  // sent to this backend only (ExternalRoute::proxyMark); usually empty
    std::shared_ptr<RouteStats> stats;
    mutable std::atomic<std::uint32_t> next{0};

    // A lease on an eligible target, round robin; empty when none admits the request.
    Target::Lease pick() const;
};

class Routes {
public:
    // Exact domain or "*.suffix" wildcard, both already normalized (lower case, no port).
    void add(const std::string& pattern, std::shared_ptr<const Backend> backend);
    // The most specific match for a Host header value (any case, port allowed), or nullptr.
    const Backend* find(std::string_view host) const;
    std::size_t size() const { return exact_.size() + wildcard_.size(); }

private:
    // Transparent hashing: find() looks up a string_view into its stack buffer, no std::string per request.
    struct Hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
    };
    using Map = std::unordered_map<std::string, std::shared_ptr<const Backend>, Hash, std::equal_to<>>;
    Map exact_;
    Map wildcard_;  // key ".example.com"
};

// Host header -> lower case without port (and without IPv6 brackets' port); empty if malformed.
std::string normalizeHost(std::string_view host);

// The same, written into `out` (a host name is at most 255 bytes): a view of it, empty if malformed.
using HostBuffer = std::array<char, 255>;
std::string_view normalizeHost(std::string_view host, HostBuffer& out);

class RouteTable {
public:
    RouteTable();
    // Readers: the current snapshot. Cached per thread and revalidated with one atomic load,
    // so the hot path neither locks nor touches a shared reference count.
    const std::shared_ptr<const Routes>& snapshot() const;
    // The single writer publishes a complete new table.
    void publish(std::shared_ptr<const Routes> routes);
    std::uint64_t version() const { return version_.load(std::memory_order_acquire); }

private:
    const std::uint64_t id_;  // distinguishes tables in the per-thread cache (addresses get reused)
    std::atomic<std::shared_ptr<const Routes>> current_;
    std::atomic<std::uint64_t> version_{1};
};

}  // namespace rivetr::proxy
