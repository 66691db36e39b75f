// The admin-managed Docker create policy: the config file's bind roots as the default, an admin's saved list over them.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "containers/create_policy.hpp"
#include "store/docker_policy_repository.hpp"

namespace rivetr::containers {

struct EffectiveDockerPolicy {
    std::vector<std::string> allowedBindRoots;
    std::string source;  // "config" (the file's [docker] allowed_bind_roots) or "saved" (an admin's, in the database)
};

// Why `roots` cannot be allowed bind roots, or nullopt when they can: each must be absolute and
// normalised (no "..", ".", "//", trailing "/"), not "/" itself, free of control characters, not repeated,
// and neither the Docker socket nor a directory holding it (as `socketRules` judges it; absolute: a root is
// what non-admins may bind, and nobody but an admin mounts the socket).
std::optional<std::string> invalidBindRoots(const std::vector<std::string>& roots, const PolicyOptions& socketRules);

// Thread-safe (each call is one SQLite statement). The saved list is read on every call, so every
// create path (create, clone, edit, the edit recovery pass) sees an admin's change at once, with no
// copy to keep in step.
class DockerPolicyStore {
public:
    explicit DockerPolicyStore(store::Store& store) : repo_(store) {}

    // Set once by `rivetr serve` before any request: the config file's roots and the engine's socket.
    void setConfigDefault(std::vector<std::string> roots, const PolicyOptions& socketRules);

    EffectiveDockerPolicy current();
    // Validates and saves `roots` (nullopt: forget the saved list, the config's applies again).
    // Throws std::invalid_argument naming the problem; nothing is saved then.
    EffectiveDockerPolicy save(const std::optional<std::vector<std::string>>& roots, const std::string& actor);

private:
    store::DockerPolicyRepository repo_;
    std::vector<std::string> configRoots_;
    PolicyOptions socketRules_ = localPolicyDefaults();
};

}  // namespace rivetr::containers
