// Route lookup (exact, then the most specific wildcard) and the atomically published snapshot.
#include "proxy/route_table.hpp"

#include <algorithm>

#include "proxy/ascii.hpp"

namespace rivetr::proxy {

Target::Lease Backend::pick() const {
    const auto n = targets.size();
    if (n == 0) return {};
    // One target has no round robin to keep: skip the shared counter every worker would bump.
    const auto start = n == 1 ? 0 : next.fetch_add(1, std::memory_order_relaxed);
    for (std::size_t i = 0; i < n; ++i) {
        auto& t = targets[(start + i) % n];
        if (!t->eligible()) continue;
        if (auto lease = t->tryAcquire()) return lease;
    }
    return {};
}

void Routes::add(const std::string& pattern, std::shared_ptr<const Backend> backend) {
    if (pattern.rfind("*.", 0) == 0) {
        wildcard_[pattern.substr(1)] = std::move(backend);
    } else {
        exact_[pattern] = std::move(backend);
    }
}

const Backend* Routes::find(std::string_view rawHost) const {
    HostBuffer buffer;
    const std::string_view host = normalizeHost(rawHost, buffer);
    if (host.empty()) return nullptr;
    if (auto it = exact_.find(host); it != exact_.end()) return it->second.get();
    if (wildcard_.empty()) return nullptr;
    // Longest suffix first: "a.b.example.com" tries ".b.example.com", then ".example.com", ...
    for (auto dot = host.find('.'); dot != std::string_view::npos; dot = host.find('.', dot + 1)) {
        if (auto it = wildcard_.find(host.substr(dot)); it != wildcard_.end()) return it->second.get();
    }
    return nullptr;
}

std::string normalizeHost(std::string_view host) {
    HostBuffer buffer;
    return std::string(normalizeHost(host, buffer));
}

std::string_view normalizeHost(std::string_view host, HostBuffer& out) {
    if (host.empty() || host.size() > out.size()) return {};
    std::string_view name = host;
    if (host.front() == '[') {
        auto close = host.find(']');
        if (close == std::string_view::npos) return {};
        name = host.substr(0, close + 1);
    } else if (auto colon = host.rfind(':'); colon != std::string_view::npos) {
        name = host.substr(0, colon);
    }
    while (!name.empty() && name.back() == '.') name.remove_suffix(1);  // "example.com." is the same host
    std::size_t n = 0;
    for (char c : name) {
        const auto uc = static_cast<unsigned char>(c);
        if (uc <= 0x20 || uc >= 0x7f || c == '/' || c == '\\' || c == '@') return {};
        out[n++] = asciiLower(c);
    }
    return {out.data(), n};
}

namespace {
std::atomic<std::uint64_t> nextTableId{1};
}

RouteTable::RouteTable() : id_(nextTableId.fetch_add(1)), current_(std::make_shared<const Routes>()) {}

const std::shared_ptr<const Routes>& RouteTable::snapshot() const {
    struct Cache {
        std::uint64_t owner = 0;
        std::uint64_t version = 0;
        std::shared_ptr<const Routes> routes;
    };
    thread_local Cache cache;
    const auto v = version_.load(std::memory_order_acquire);
    if (cache.owner != id_ || cache.version != v) {
        cache.routes = current_.load(std::memory_order_acquire);
        cache.owner = id_;
        cache.version = v;
    }
    return cache.routes;
}

void RouteTable::publish(std::shared_ptr<const Routes> routes) {
    current_.store(std::move(routes), std::memory_order_release);
    version_.fetch_add(1, std::memory_order_acq_rel);
}

}  // namespace rivetr::proxy
