// The Docker manager's networks on any host: listed with their containers and addresses, created, connected, removed and pruned under one set of rules.
#pragma once

#include <string>
#include <vector>

#include "containers/app_gateway.hpp"
#include "hosts/host_fanout.hpp"
#include "runtime/runtime_types.hpp"
#include "store/records.hpp"

namespace rivetr::networks {

// A container on a network: its endpoint there and, when it belongs to a Rivetr app, which one.
struct AttachedContainer {
    runtime::NetworkEndpoint endpoint;
    std::vector<std::string> aliases;  // its names in the network (the engine adds the short id itself)
    std::string appId, appName;
};

struct NetworkEntry {
    std::string host;
    runtime::NetworkInfo info;
    std::vector<AttachedContainer> containers;
    bool builtin = false;              // bridge, host, none
    std::string ownerAppId, ownerAppName;  // a network Rivetr made for an app (label rivetr.app)
    bool managed = false;              // labelled rivetr.managed: Rivetr's own, an app's or shared
};

struct NetworkFilter {
    std::string driver{};            // exactly
    runtime::LabelFilter labels{};   // every one ("" value: any)
    std::string search{};            // case-insensitive, in the name and id
};

struct ConnectOutcome {
    NetworkEntry network;  // as it is after the connect
    std::string warning;   // set when the container belongs to an app: the connection ends with its next deploy
};

struct PrunePlan {
    std::vector<NetworkEntry> networks;  // unused, user-created: what a prune removes
    std::vector<std::pair<NetworkEntry, std::string>> kept;  // unused ones that stay, and why
};

struct PruneOutcome {
    std::string id, name;
    bool removed = false;
    std::string error;  // why not
};

// Every call names a host ("" or "local": the local engine) and throws containers::ContainerError:
// 400 invalid input (before any engine call), 403 a developer asking for an admin's network, 404 an
// unknown host, network or container, 409 the engine's refusal (an overlapping subnet, a network in
// use naming its containers) or a network/container that belongs to the engine or to an app, 503 an
// unreachable engine. Thread-safe: it keeps no state of its own.
class NetworkManager {
public:
    // `apps` names the app a container or network belongs to; null: its id stands in for the name.
    NetworkManager(hosts::HostDirectory& hosts, containers::AppGateway* apps) : hosts_(hosts), apps_(apps) {}

    std::vector<NetworkEntry> list(const std::string& host, const NetworkFilter& filter = {});
    // list() on the host `selector` names or on every host at once ("*"), unreachable ones reported apart.
    hosts::HostAnswers<std::vector<NetworkEntry>> listAcross(const std::string& selector, const NetworkFilter& filter);
    NetworkEntry inspect(const std::string& host, const std::string& idOrName);
    NetworkEntry create(const std::string& host, const runtime::NetworkSpec& spec, store::Role role);
    // Refused for the engine's networks, Rivetr's own and while containers are attached (naming them).
    NetworkEntry remove(const std::string& host, const std::string& idOrName);
    // `endpoint.ipv4Address` must lie in one of the network's subnets. An app's container may join
    // another network (the outcome warns that its next deploy leaves it); an app's network takes no one.
    ConnectOutcome connect(const std::string& host, const std::string& network, const std::string& container,
                           const runtime::EndpointSettings& endpoint);
    // Refused for an app's container: the proxy reaches it over its networks, so taking one away
    // would break the app behind its deployments' back.
    NetworkEntry disconnect(const std::string& host, const std::string& network, const std::string& container, bool force);

    // The dry run: unused networks a user made (never the engine's, an app's or Rivetr's) that `filter` selects.
    PrunePlan planPrune(const std::string& host, const NetworkFilter& filter = {});
    // Plans again and removes exactly the `confirmed` ids that are still in the plan; the others are
    // reported as not removed, with why. `confirmed` must not be empty.
    std::vector<PruneOutcome> prune(const std::string& host, const std::vector<std::string>& confirmed,
                                    const NetworkFilter& filter = {});

private:
    std::shared_ptr<runtime::ContainerRuntime> engine(const std::string& host);
    NetworkEntry entryOf(runtime::ContainerRuntime& rt, const std::string& host, runtime::NetworkInfo info);
    std::string appName(const std::string& appId);
    // 409 when `e` belongs to the engine or to Rivetr (`what`: the refused action).
    void refuseOwned(const NetworkEntry& e, const std::string& what);

    hosts::HostDirectory& hosts_;
    containers::AppGateway* apps_;
};

}  // namespace rivetr::networks
