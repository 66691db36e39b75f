// The labels docker compose v2 puts on a project's containers, networks and volumes, so `docker compose ls/ps`, Dockge and Portainer see Rivetr's stacks and Rivetr sees theirs.
#pragma once

#include <string>

#include "runtime/runtime_types.hpp"

namespace rivetr::stacks::labels {

inline constexpr const char* kProject = "com.docker.compose.project";
inline constexpr const char* kService = "com.docker.compose.service";
inline constexpr const char* kContainerNumber = "com.docker.compose.container-number";
inline constexpr const char* kOneoff = "com.docker.compose.oneoff";
inline constexpr const char* kWorkingDir = "com.docker.compose.project.working_dir";
inline constexpr const char* kConfigFiles = "com.docker.compose.project.config_files";
inline constexpr const char* kConfigHash = "com.docker.compose.config-hash";
inline constexpr const char* kDependsOn = "com.docker.compose.depends_on";
inline constexpr const char* kImage = "com.docker.compose.image";
inline constexpr const char* kVersion = "com.docker.compose.version";
inline constexpr const char* kNetwork = "com.docker.compose.network";
inline constexpr const char* kVolume = "com.docker.compose.volume";

// The compose release whose labels and names Rivetr writes (the value of com.docker.compose.version).
inline constexpr const char* kComposeVersion = "2.29.7";

// {project, network|volume key, version} for a network or volume the project created.
runtime::Labels networkLabels(const std::string& project, const std::string& key);
runtime::Labels volumeLabels(const std::string& project, const std::string& key);

// A container's label `key`, "" when it has none.
std::string valueOf(const runtime::ContainerSummary& container, const char* key);
// A container's name as the engine lists it first (without the leading '/').
std::string nameOf(const runtime::ContainerSummary& container);
// The engine query for a project's containers, stopped ones included (one service's when `service` is set;
// every project's when `project` is "").
runtime::ContainerQuery projectQuery(const std::string& project, const std::string& service = {});

}  // namespace rivetr::stacks::labels
