// The Docker manager's networks on any host: listed with their containers and addresses, created, connected, removed and pruned under one set of rules.
#include "networks/network_manager.hpp"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

#include "containers/container_error.hpp"
#include "core/text.hpp"
#include "networks/address_block.hpp"
#include "networks/network_input.hpp"
#include "runtime/container_runtime.hpp"
#include "runtime/naming.hpp"

namespace rivetr::networks {
namespace {

using containers::ContainerError;
using nlohmann::json;

// The engine's refusal in the manager's terms. Docker answers 403 for a refusal in the current
// state (an overlapping subnet, a network with active endpoints, a container already connected):
// a conflict with what exists, not a question of permission.
ContainerError failure(const runtime::RuntimeError& e) {
    const std::string& said = e.daemonMessage();
    if (e.httpStatus() == 403) return {409, "conflict", said};
    switch (e.kind()) {
        case runtime::ErrorKind::NotFound: return {404, "not_found", said};
        case runtime::ErrorKind::InvalidArgument: return {400, "invalid_network", said};
        default: return containers::fromRuntime(e);
    }
}

// Runs f, its engine's and host directory's refusals turned into ContainerErrors (the engine's in the network's terms).
template <typename F>
auto translated(F f) -> decltype(f()) { return onEngine(f, failure); }

bool matches(const runtime::NetworkInfo& n, const NetworkFilter& f) {
    if (!f.driver.empty() && n.driver != f.driver) return false;
    if (f.search.empty()) return true;
    auto needle = asciiLower(f.search);
    return asciiLower(n.name).find(needle) != std::string::npos || asciiLower(n.id).find(needle) != std::string::npos;
}

std::string label(const runtime::Labels& labels, const char* key) {
    auto it = labels.find(key);
    return it == labels.end() ? "" : it->second;
}

void checkIdentifier(const std::string& value, const char* field) {
    if (!isValidName(value)) throw ContainerError(400, "invalid_network", std::string(field) + " must be an id or a name (got \"" + value + "\")", field);
}

std::string namesOf(const std::vector<AttachedContainer>& containers) {
    std::string out;
    for (const auto& c : containers) out += (out.empty() ? "" : ", ") + (c.endpoint.name.empty() ? c.endpoint.containerId : c.endpoint.name);
    return out;
}

// A fixed address must lie in one of the network's own IPv4 subnets (the engine would otherwise
// answer with a less telling refusal, or none for a network it addresses itself).
void checkAddressFits(const runtime::NetworkInfo& n, const std::string& address) {
    if (address.empty()) return;
    auto a = parseAddress(address);
    bool anyV4 = false;
    for (const auto& pool : n.pools) {
        auto subnet = parseBlock(pool.subnet);
        if (!subnet || subnet->base.v6) continue;
        anyV4 = true;
        if (subnet->contains(*a)) return;
    }
    throw ContainerError(400, "invalid_network",
                         anyV4 ? "ipv4_address " + address + " is outside the subnets of network " + n.name
                               : "network " + n.name + " has no subnet of its own: a fixed address needs a network created with one",
                         "ipv4_address");
}

}  // namespace

std::shared_ptr<runtime::ContainerRuntime> NetworkManager::engine(const std::string& host) {
    auto rt = hosts_.runtimeFor(host);
    if (!rt) throw ContainerError(503, "engine_unavailable", "the engine of host '" + (host.empty() ? std::string(hosts::kLocalHost) : host) + "' is unreachable");
    return rt;
}

std::string NetworkManager::appName(const std::string& appId) {
    std::string name = apps_ ? apps_->appName(appId) : "";
    return name.empty() ? appId : name;
}

NetworkEntry NetworkManager::entryOf(runtime::ContainerRuntime& rt, const std::string& host, runtime::NetworkInfo info) {
    NetworkEntry e;
    e.host = host.empty() ? hosts::kLocalHost : host;
    e.builtin = isBuiltinNetwork(info.name);
    e.ownerAppId = label(info.labels, runtime::kAppLabel);
    if (!e.ownerAppId.empty()) e.ownerAppName = appName(e.ownerAppId);
    e.managed = label(info.labels, runtime::kManagedLabel) == "true";
    for (const auto& endpoint : info.endpoints) {
        AttachedContainer c{endpoint, {}, {}, {}};
        try {  // aliases live on the container's side of the endpoint; a container gone meanwhile has none
            json doc = rt.inspectContainerJson(endpoint.containerId);
            const json& net = doc["NetworkSettings"]["Networks"][info.name];
            if (net.contains("Aliases") && net["Aliases"].is_array()) c.aliases = net["Aliases"].get<std::vector<std::string>>();
            const json& labels = doc["Config"]["Labels"];
            if (labels.is_object()) c.appId = labels.value(runtime::kAppLabel, "");
        } catch (const runtime::RuntimeError& err) {
            if (err.kind() != runtime::ErrorKind::NotFound) throw;
        }
        if (!c.appId.empty()) c.appName = appName(c.appId);
        e.containers.push_back(std::move(c));
    }
    e.info = std::move(info);
    return e;
}

std::vector<NetworkEntry> NetworkManager::list(const std::string& host, const NetworkFilter& filter) {
    return translated([&] {
        auto rt = engine(host);
        std::vector<NetworkEntry> out;
        for (const auto& n : rt->listNetworks(filter.labels)) {
            if (!matches(n, filter)) continue;
            try {  // a list carries no endpoints: the inspect does
                out.push_back(entryOf(*rt, host, rt->inspectNetwork(n.id)));
            } catch (const runtime::RuntimeError& e) {
                if (e.kind() != runtime::ErrorKind::NotFound) throw;  // removed since the list
            }
        }
        std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.info.name < b.info.name; });
        return out;
    });
}

hosts::HostAnswers<std::vector<NetworkEntry>> NetworkManager::listAcross(const std::string& selector, const NetworkFilter& filter) {
    return translated([&] { return hosts::askHosts(hosts_, selector, [&](const std::string& host) { return list(host, filter); }); });
}

NetworkEntry NetworkManager::inspect(const std::string& host, const std::string& idOrName) {
    checkIdentifier(idOrName, "id");
    return translated([&] {
        auto rt = engine(host);
        return entryOf(*rt, host, rt->inspectNetwork(idOrName));
    });
}

NetworkEntry NetworkManager::create(const std::string& host, const runtime::NetworkSpec& spec, store::Role role) {
    checkSpec(spec);
    checkRole(spec, role);
    return translated([&] {
        auto rt = engine(host);
        return entryOf(*rt, host, rt->createNetwork(spec));
    });
}

void NetworkManager::refuseOwned(const NetworkEntry& e, const std::string& what) {
    const std::string& name = e.info.name;
    if (!e.ownerAppId.empty())
        throw ContainerError(409, "app_network", "network " + name + " belongs to app " + e.ownerAppName + ": it cannot be " + what + " here");
    if (e.managed) throw ContainerError(409, "rivetr_network", "network " + name + " is Rivetr's own: it cannot be " + what + " here");
}

NetworkEntry NetworkManager::remove(const std::string& host, const std::string& idOrName) {
    auto e = inspect(host, idOrName);
    if (e.builtin)
        throw ContainerError(409, "builtin_network", "network " + e.info.name + " is one of the engine's own networks (bridge, host, none): it can never be removed");
    refuseOwned(e, "removed");
    if (!e.containers.empty())
        throw ContainerError(409, "network_in_use", "network " + e.info.name + " is in use by " + namesOf(e.containers) +
                                                        ": disconnect or remove them first");
    translated([&] { engine(host)->removeNetwork(e.info.id); });
    return e;
}

ConnectOutcome NetworkManager::connect(const std::string& host, const std::string& network, const std::string& container,
                                       const runtime::EndpointSettings& endpoint) {
    checkIdentifier(network, "id");
    checkEndpoint(container, endpoint);
    auto net = inspect(host, network);
    refuseOwned(net, "joined");
    checkAddressFits(net.info, endpoint.ipv4Address);
    return translated([&] {
        auto rt = engine(host);
        ConnectOutcome out;
        std::string app = label(rt->inspectContainer(container).labels, runtime::kAppLabel);
        if (!app.empty())
            out.warning = "container " + container + " belongs to app " + appName(app) +
                          ": its next deploy starts a new container without this network";
        rt->connectEndpoint(net.info.id, container, endpoint);
        out.network = entryOf(*rt, host, rt->inspectNetwork(net.info.id));
        return out;
    });
}

NetworkEntry NetworkManager::disconnect(const std::string& host, const std::string& network, const std::string& container, bool force) {
    checkIdentifier(network, "id");
    checkEndpoint(container, {});
    auto net = inspect(host, network);
    refuseOwned(net, "left");
    return translated([&] {
        auto rt = engine(host);
        std::string app;
        try {
            app = label(rt->inspectContainer(container).labels, runtime::kAppLabel);
        } catch (const runtime::RuntimeError& e) {
            // A container already gone may still hold a stale endpoint: force clears it (as `docker network disconnect -f`).
            if (!force || e.kind() != runtime::ErrorKind::NotFound) throw;
        }
        if (!app.empty())
            throw ContainerError(409, "app_container", "container " + container + " belongs to app " + appName(app) +
                                                           ": the proxy reaches it over its networks, so they change only with its deployments");
        rt->disconnectNetwork(net.info.id, container, force);
        return entryOf(*rt, host, rt->inspectNetwork(net.info.id));
    });
}

PrunePlan NetworkManager::planPrune(const std::string& host, const NetworkFilter& filter) {
    PrunePlan plan;
    for (auto& e : list(host, filter)) {
        if (!e.containers.empty()) continue;
        if (e.builtin) plan.kept.emplace_back(std::move(e), "the engine's own network");
        else if (!e.ownerAppId.empty()) plan.kept.emplace_back(std::move(e), "belongs to app " + e.ownerAppName);
        else if (e.managed) plan.kept.emplace_back(std::move(e), "Rivetr's own network");
        else plan.networks.push_back(std::move(e));
    }
    return plan;
}

std::vector<PruneOutcome> NetworkManager::prune(const std::string& host, const std::vector<std::string>& confirmed,
                                                const NetworkFilter& filter) {
    if (confirmed.empty())
        throw ContainerError(400, "invalid_network", "name the networks to remove: the ids the dry run listed", "networks");
    for (const auto& id : confirmed) checkIdentifier(id, "networks");
    std::map<std::string, const NetworkEntry*> planned;
    auto plan = planPrune(host, filter);
    for (const auto& e : plan.networks) planned[e.info.id] = &e;
    std::vector<PruneOutcome> out;
    for (const auto& id : confirmed) {
        auto it = planned.find(id);
        if (it == planned.end()) {
            out.push_back({id, "", false, "not an unused network any more (in use, Rivetr's, or gone)"});
            continue;
        }
        PruneOutcome o{id, it->second->info.name, true, ""};
        try {
            translated([&] { engine(host)->removeNetwork(id); });
        } catch (const ContainerError& e) {
            o.removed = false;
            o.error = e.what();
        }
        out.push_back(std::move(o));
    }
    return out;
}

}  // namespace rivetr::networks
