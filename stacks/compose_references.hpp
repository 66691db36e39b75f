// The checks across a compose file's parts: dependencies, networks, volumes, secrets and names refer to things that exist.
#pragma once

#include "stacks/compose_model.hpp"
#include "stacks/yaml_read.hpp"

namespace rivetr::stacks {

// Records an issue (at the referring service's key and line) for: a depends_on on an unknown service
// (or one a profile left out, unless `required: false`, which then drops it), a dependency cycle,
// service_healthy on a service whose healthcheck is disabled, an undeclared network, named volume,
// secret or config, network_mode service:<unknown>, and two services with one container_name. Adds the
// project's `default` network when a service uses it.
void checkReferences(ComposeProject& project, const YamlNode& root, const YamlAt& at);

}  // namespace rivetr::stacks
