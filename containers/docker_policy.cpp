// The admin-managed Docker create policy: validation of bind roots and the config-or-saved effective list.
#include "containers/docker_policy.hpp"

#include <algorithm>
#include <filesystem>
#include <set>
#include <stdexcept>

namespace rivetr::containers {
namespace {

std::optional<std::string> invalidRoot(const std::string& root, const PolicyOptions& socketRules) {
    if (root.empty() || root[0] != '/') return "must be an absolute path (got \"" + root + "\")";
    if (std::any_of(root.begin(), root.end(), [](unsigned char c) { return c < 0x20 || c == 0x7f; }))
        return "must not contain control characters";
    if (("/" + root + "/").find("/../") != std::string::npos) return "must not contain .. (got \"" + root + "\")";
    if (root == "/") return "/ would allow binding the whole host";
    std::string normal = std::filesystem::path(root).lexically_normal().string();
    while (normal.size() > 1 && normal.back() == '/') normal.pop_back();  // lexically_normal keeps a trailing "/"
    if (normal != root) return "must be normalised (got \"" + root + "\", write \"" + normal + "\")";
    if (exposesDockerSocket(root, socketRules))
        return "\"" + root + "\" is or holds the Docker socket, which only admins may mount";
    return std::nullopt;
}

}  // namespace

std::optional<std::string> invalidBindRoots(const std::vector<std::string>& roots, const PolicyOptions& socketRules) {
    std::set<std::string> seen;
    for (const auto& root : roots) {
        if (auto why = invalidRoot(root, socketRules)) return why;
        if (!seen.insert(root).second) return "\"" + root + "\" is listed twice";
    }
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
