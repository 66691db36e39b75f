// Between the manager's container config and the engine's documents: the create body, and the config read back from an inspect.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "containers/container_config.hpp"

namespace rivetr::containers {

// What a create sends: the body of POST /containers/create (Engine API 1.41 attaches ONE network
// there) and the networks to connect, with their aliases and fixed addresses, before the first start.
struct CreatePlan {
    std::string name;
    nlohmann::json body;
    std::vector<NetworkSpec> laterNetworks;
};

CreatePlan toCreatePlan(const ContainerConfig& config);

// The config a clone or an edit starts from. `container` is the engine's inspect document, `image`
// its image's (null when the image is gone). What the container only inherited from its image (env
// entries, cmd, entrypoint, labels, healthcheck, user, working dir, exposed ports, volumes) is left out,
// so the engine merges it in again — from the new image when an edit changes it (the update bug of
// Watchtower-style recreates that keep the old image's env). Everything else is kept: networks with
// their aliases (minus the engine's own short-id alias) and fixed addresses, every mount in the form
// it was declared (Binds or Mounts), and the rest of Config/HostConfig verbatim.
ContainerConfig configFromInspect(const nlohmann::json& container, const nlohmann::json& image);

// An edit recreates the container: its anonymous volumes (the image's VOLUMEs, `-v /path`) would be
// new and empty. Each one becomes a volume mount of the old volume by name, unless a mount already
// targets its path.
void keepAnonymousVolumes(ContainerConfig& config, const nlohmann::json& container);

}  // namespace rivetr::containers
