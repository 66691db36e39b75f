// The admin-managed Docker create policy: validation of bind roots and the config-or-saved effective list.
#include "containers/docker_policy.hpp"

#include <stdexcept>

#include "core/bind_root.hpp"

namespace rivetr::containers {

std::optional<std::string> invalidBindRoots(const std::vector<std::string>& roots, const PolicyOptions& socketRules) {
    // The path rules (core/bind_root), then what only the engine's socket settings can tell.
    if (auto why = invalidBindRootList(roots)) return why;
    for (const auto& root : roots)
        if (exposesDockerSocket(root, socketRules)) return "\"" + root + "\" is or holds the Docker socket, which only admins may mount";
    return std::nullopt;
}

void DockerPolicyStore::setConfigDefault(std::vector<std::string> roots, const PolicyOptions& socketRules) {
    configRoots_ = std::move(roots);
    socketRules_ = socketRules;
}

EffectiveDockerPolicy DockerPolicyStore::current() {
    if (auto saved = repo_.loadBindRoots()) return {*saved, "saved"};
    return {configRoots_, "config"};
}

EffectiveDockerPolicy DockerPolicyStore::save(const std::optional<std::vector<std::string>>& roots,
                                              const std::string& actor) {
    if (!roots) {
        repo_.clear();
    } else {
        if (auto why = invalidBindRoots(*roots, socketRules_)) throw std::invalid_argument(*why);
        repo_.saveBindRoots(*roots, actor);
    }
    return current();
}

}  // namespace rivetr::containers
