// Builds a Routes snapshot from DesiredRoutes, reusing live targets and reporting what to add and drain.
#include "proxy/route_builder.hpp"

#include <set>
#include <stdexcept>

namespace rivetr::proxy {
namespace {

bool validLabel(const std::string& label) {
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') return false;
    for (char c : label) {
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) return false;
    }
    return true;
}

void validateEndpoint(const Endpoint& e, const std::string& field) {
    if (e.host.empty() || e.port == 0 || e.host.find_first_of(" /\\@") != std::string::npos) {
        throw std::invalid_argument(field + ": target must be host:port with a port 1-65535");
    }
}

std::shared_ptr<RouteStats> statsFor(const std::string& name, const LiveState& prev, LiveState& next) {
    auto it = prev.stats.find(name);
    auto s = it != prev.stats.end() ? it->second : std::make_shared<RouteStats>();
    next.stats[name] = s;
    return s;
}

std::shared_ptr<Target> targetFor(const std::string& owner, const Endpoint& ep, const HealthCheckSpec& hc,
                                  const LiveState& prev, BuiltRoutes& out) {
    const auto key = owner + "|" + ep.key();
    if (auto it = prev.targets.find(key); it != prev.targets.end() && it->second->health() == hc) {
        auto s = it->second->state();
        if (s != TargetState::draining && s != TargetState::gone) {
            out.live.targets[key] = it->second;
            return it->second;
        }
    }
    auto t = std::make_shared<Target>(owner, ep, hc);
    out.live.targets[key] = t;
    out.added.push_back(t);
    return t;
}

}  // namespace

std::string normalizeDomain(const std::string& domain) {
    std::string d;
    for (char c : domain) d.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    while (!d.empty() && d.back() == '.') d.pop_back();
    std::string rest = d.rfind("*.", 0) == 0 ? d.substr(2) : d;
    if (rest.empty() || d.size() > 253) throw std::invalid_argument("domain '" + domain + "' is empty or too long");
    std::size_t start = 0;
    while (true) {
        auto dot = rest.find('.', start);
        if (!validLabel(rest.substr(start, dot == std::string::npos ? std::string::npos : dot - start))) {
            throw std::invalid_argument("domain '" + domain + "' is not a valid host name");
        }
        if (dot == std::string::npos) break;
        start = dot + 1;
    }
    return d;
}

BuiltRoutes buildRoutes(const DesiredRoutes& desired, const LiveState& previous) {
    // Validate everything before building anything: bad input changes nothing.
    std::map<std::string, std::string> claimedBy;
    auto claim = [&](const std::string& domain, const std::string& owner) {
        auto d = normalizeDomain(domain);
        auto [it, fresh] = claimedBy.emplace(d, owner);
        if (!fresh && it->second != owner) {
            throw std::invalid_argument("domain '" + d + "' is used by both " + it->second + " and " + owner);
        }
        return d;
    };
    for (const auto& [id, app] : desired.apps) {
        if (id.empty() || id != app.appId) throw std::invalid_argument("app id is empty or inconsistent");
        for (const auto& d : app.domains) claim(d, "app " + id);
        for (const auto& t : app.targets) validateEndpoint(t, "app " + id);
    }
    for (const auto& [domain, ext] : desired.externals) {
        claim(ext.domain, "external route " + ext.domain);
        validateEndpoint(ext.upstream, "external route " + ext.domain);
    }

    BuiltRoutes out;
    auto routes = std::make_shared<Routes>();
    for (const auto& [id, app] : desired.apps) {
        auto backend = std::make_shared<Backend>();
        backend->name = id;
        backend->redirectHttps = app.redirectHttps;
        backend->stats = statsFor(id, previous, out.live);
        for (const auto& ep : app.targets) backend->targets.push_back(targetFor(id, ep, app.health, previous, out));
        for (const auto& d : app.domains) routes->add(normalizeDomain(d), backend);
    }
    for (const auto& [key, ext] : desired.externals) {
        const auto domain = normalizeDomain(ext.domain);
        auto backend = std::make_shared<Backend>();
        backend->name = "external:" + domain;
        backend->redirectHttps = ext.redirectHttps;
        backend->proxyMark = ext.proxyMark;
        backend->stats = statsFor(backend->name, previous, out.live);
        backend->targets.push_back(targetFor(backend->name, ext.upstream, {}, previous, out));
        routes->add(domain, backend);
    }
    for (const auto& [key, t] : previous.targets) {
        if (!out.live.targets.count(key) || out.live.targets[key] != t) out.removed.push_back(t);
    }
    out.routes = std::move(routes);
    return out;
}

}  // namespace rivetr::proxy
