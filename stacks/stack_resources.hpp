// A stack's networks and named volumes on the engine: checked, created with compose's labels, and removed by `down`.
#pragma once

#include <string>
#include <vector>

#include "runtime/container_runtime.hpp"
#include "stacks/compose_model.hpp"

namespace rivetr::stacks {

// Thrown before anything is created: an external network or volume the file names does not exist.
class MissingExternal : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Checks that every external network and volume exists (MissingExternal otherwise).
void checkExternals(runtime::ContainerRuntime& engine, const ComposeProject& project);
// Creates the project's missing networks and named volumes (compose's labels plus the file's own), and
// the missing bind directories under the stack directory. Existing ones are used as they are.
void ensureResources(runtime::ContainerRuntime& engine, const ComposeProject& project);

// `down`'s part: the project's networks (by label, never an external one), and its named volumes when
// `removeVolumes`. Returns the names of the volumes removed, or of those kept.
std::vector<std::string> removeNetworks(runtime::ContainerRuntime& engine, const std::string& project);
std::vector<std::string> projectVolumes(runtime::ContainerRuntime& engine, const std::string& project);

}  // namespace rivetr::stacks
