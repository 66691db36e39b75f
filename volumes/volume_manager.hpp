// The Docker manager's volume operations on any host: what the API and CLI call, engines reached only through the HostDirectory.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "containers/app_gateway.hpp"
#include "containers/container_error.hpp"
#include "containers/create_policy.hpp"
#include "hosts/host_fanout.hpp"
#include "volumes/volume_filter.hpp"
#include "volumes/volume_prune.hpp"

namespace rivetr::volumes {

// 409 `volume_in_use`: the refusal of a removal while containers mount the volume, naming them.
class VolumeInUse : public containers::ContainerError {
public:
    VolumeInUse(const std::string& name, std::vector<VolumeUser> users);
    const std::vector<VolumeUser>& users() const { return users_; }

private:
    std::vector<VolumeUser> users_;
};

struct VolumeDetail {
    nlohmann::json engine;  // the engine's inspect document, whole
    VolumeEntry entry;      // its users, usage and owner
};

struct CreatedVolume {
    runtime::VolumeInfo volume;
    std::vector<containers::PolicyFinding> dangerous;  // what an admin used (the audit records it)
};

struct VolumePruneReport {
    VolumePrunePlan plan;
    std::vector<VolumePruneOutcome> outcomes;  // one per planned volume, in plan order
};

// Every call names a host ("" or "local": the local engine) and throws hosts::HostNotFound for an
// unknown one, runtime::RuntimeError for what the engine says, ContainerError for the manager's own
// refusals (400 a bad name or option, before any engine call; 403 the create policy; 409 in use or an
// app's volume). Thread-safe: it holds no state of its own.
class VolumeManager {
public:
    VolumeManager(hosts::HostDirectory& hosts, containers::PolicyOptions policy, containers::AppGateway* apps)
        : hosts_(hosts), policy_(std::move(policy)), apps_(apps) {}

    // The host `selector` names, or every host at once ("*"; an unreachable one is reported apart).
    hosts::HostAnswers<std::vector<VolumeEntry>> list(const std::string& selector, const VolumeFilter& filter);
    VolumeDetail inspect(const std::string& host, const std::string& name);
    // Validated, then judged by the containers' create policy (a bind in disguise is an admin's call).
    CreatedVolume create(const std::string& host, const runtime::VolumeSpec& spec, store::Role role);
    // Refused (VolumeInUse) while any container mounts it, with `force` too (the engine refuses as well;
    // force only lets a driver's failure pass), and refused (409 `app_volume`) for an app's volume.
    // Returns the volume as it was.
    VolumeEntry remove(const std::string& host, const std::string& name, bool force);
    // The dry run from a fresh listing; prune() plans again (nothing decided earlier is trusted), limited
    // to `confirmed` when given, and removes exactly that plan.
    VolumePrunePlan planPrune(const std::string& host, const std::optional<std::set<std::string>>& confirmed = std::nullopt);
    VolumePruneReport prune(const std::string& host, const std::optional<std::set<std::string>>& confirmed);

private:
    std::shared_ptr<runtime::ContainerRuntime> engine(const std::string& host);
    std::vector<VolumeEntry> entries(runtime::ContainerRuntime& rt, bool withUsage);
    VolumeEntry entryOf(runtime::ContainerRuntime& rt, const std::string& name, bool withUsage);

    hosts::HostDirectory& hosts_;
    containers::PolicyOptions policy_;
    containers::AppGateway* apps_;
};

}  // namespace rivetr::volumes
