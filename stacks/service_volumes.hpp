// A service's `volumes:` and `tmpfs:` in both compose syntaxes, host paths resolved against the stack directory.
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "containers/container_config.hpp"
#include "stacks/yaml_read.hpp"

namespace rivetr::stacks {

struct BindContext {
    std::filesystem::path stackDir;  // `./x` and `x/y` resolve here, on the host (never inside Rivetr's own tree)
    std::filesystem::path homeDir;   // `~` and `~/x`
    std::function<bool(const std::filesystem::path&)> exists;
    // Missing directories under the stack directory that the deploy creates (`./data:/var/lib/x`).
    std::vector<std::string>* createDirectories = nullptr;
};

// Named volumes keep the file's key as source (the planner maps it to <project>_<key>).
// A bind source that does not exist is an issue, except a directory-looking path (no extension) under
// the stack directory: compose creates those, and a missing FILE would become an empty directory
// (portainer#9092), so `./cfg.yml` missing is refused.
std::optional<std::vector<containers::MountSpec>> readVolumes(const YamlNode& node, const YamlAt& at, const BindContext& ctx);

// `tmpfs: /run` or a list of "/path[:options]".
std::optional<std::vector<containers::MountSpec>> readTmpfs(const YamlNode& node, const YamlAt& at);

// `path` made absolute against `base` (unless it is absolute) and normalised without a trailing '/':
// "." is the stack directory itself, "./data/" is <stack>/data, as compose resolves them.
std::string hostPathUnder(const std::filesystem::path& base, const std::string& path);

// Whether a short-syntax source names a host path rather than a volume.
bool isHostPath(const std::string& source);

}  // namespace rivetr::stacks
