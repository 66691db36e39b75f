// The one place that names and labels what Rivetr creates in the engine: from ids, never from app names.
#pragma once

#include <string>
#include <string_view>

#include "runtime/runtime_types.hpp"

namespace rivetr::runtime {

inline constexpr const char* kManagedLabel = "rivetr.managed";
inline constexpr const char* kAppLabel = "rivetr.app";
inline constexpr const char* kDeploymentLabel = "rivetr.deployment";
// The host port Rivetr assigned to an app container (engine/port_allocator.hpp): the record of it
// lives on the container itself, visible in a list of stopped containers too.
inline constexpr const char* kHostPortLabel = "rivetr.host_port";

// {rivetr.managed=true, rivetr.app=<appId>, rivetr.deployment=<deploymentId>}; empty ids are left out.
// Throws RuntimeError{InvalidArgument} for ids isSafeId rejects.
Labels rivetrLabels(std::string_view appId = {}, std::string_view deploymentId = {});
// Filter matching what rivetrLabels produced (same arguments, same rules).
LabelFilter rivetrFilter(std::string_view appId = {}, std::string_view deploymentId = {});

// "rivetr-<app>-<deployment>": unique per deployment, so two apps named alike never collide.
std::string containerName(std::string_view appId, std::string_view deploymentId);
// "rivetr/<app>:<deployment>".
std::string imageRef(std::string_view appId, std::string_view deploymentId);
// "rivetr-<app>-<key>", key matching [a-z0-9][a-z0-9_-]{0,62} (e.g. "data").
std::string volumeName(std::string_view appId, std::string_view key);
// "rivetr-<id>" for a network owned by an app (or a shared one, id "net_...").
std::string networkName(std::string_view id);

}  // namespace rivetr::runtime
