// A service of a loaded project as the engine will create it: names, networks, mounts and compose's labels, with the config hash that decides whether an update recreates it.
#pragma once

#include <string>

#include "containers/engine_config.hpp"
#include "stacks/compose_model.hpp"

namespace rivetr::stacks {

struct ServicePlan {
    std::string service;
    containers::CreatePlan create;  // body judged by the create policy before anything is created
    std::string configHash;         // over everything but the image id: same file, same hash
};

// <project>-<service>-1, or the service's container_name.
std::string containerNameOf(const ComposeProject& project, const ServiceSpec& service);

// The config as the engine gets it: volume keys become <project>_<key> (or their declared name),
// networks their engine names with the service name as alias on each user-defined one, secrets and
// configs read-only binds, network_mode service:x the container of x; compose's ten container labels
// set (image = `imageId`, the id of the image the container is created from).
ServicePlan planService(const ComposeProject& project, const ServiceSpec& service, const std::string& imageId);

}  // namespace rivetr::stacks
