// The network routes' answers as JSON: what the dashboard, the CLI and the OpenAPI schemas (Network*) see.
#include "api/networks/network_json.hpp"

namespace rivetr::api {
namespace {

using nlohmann::json;

json orNull(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }

json containerJson(const networks::AttachedContainer& c) {
    return {{"id", c.endpoint.containerId},        {"name", c.endpoint.name},
            {"ipv4_address", c.endpoint.ipv4Address}, {"ipv6_address", c.endpoint.ipv6Address},
            {"mac_address", c.endpoint.macAddress},   {"aliases", c.aliases},
            {"app_id", orNull(c.appId)},              {"app_name", orNull(c.appName)}};
}

json brief(const networks::NetworkEntry& e) { return {{"id", e.info.id}, {"name", e.info.name}, {"driver", e.info.driver}}; }

}  // namespace

json networkJson(const networks::NetworkEntry& e) {
    const auto& n = e.info;
    json subnets = json::array(), containers = json::array();
    for (const auto& p : n.pools) subnets.push_back({{"subnet", p.subnet}, {"gateway", p.gateway}, {"ip_range", p.ipRange}});
    for (const auto& c : e.containers) containers.push_back(containerJson(c));
    return {{"id", n.id},
            {"short_id", n.id.substr(0, 12)},
            {"name", n.name},
            {"host", e.host},
            {"driver", n.driver},
            {"scope", n.scope},
            {"created_at", n.created},
            {"internal", n.internal},
            {"attachable", n.attachable},
            {"ipv6", n.ipv6},
            {"subnets", subnets},
            {"labels", n.labels},
            {"options", n.options},
            {"containers", containers},
            {"builtin", e.builtin},
            {"managed", e.managed},
            {"app_id", orNull(e.ownerAppId)},
            {"app_name", orNull(e.ownerAppName)}};
}

json networkPruneJson(const networks::PrunePlan& plan, bool dryRun, const std::vector<networks::PruneOutcome>& outcomes) {
    json goes = json::array(), kept = json::array(), done = json::array();
    for (const auto& e : plan.networks) goes.push_back(brief(e));
    for (const auto& [e, why] : plan.kept) {
        json k = brief(e);
        k["reason"] = why;
        kept.push_back(k);
    }
    for (const auto& o : outcomes)
        done.push_back({{"id", o.id}, {"name", o.name}, {"removed", o.removed}, {"error", orNull(o.error)}});
    return {{"dry_run", dryRun}, {"networks", goes}, {"kept", kept}, {"outcomes", done}};
}

}  // namespace rivetr::api
