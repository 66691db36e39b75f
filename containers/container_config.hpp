// A container's configuration in the manager's vocabulary (the create body of POST /api/containers), parsed and checked.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "runtime/runtime_types.hpp"

namespace rivetr::containers {

struct PortSpec {
    int container = 0;
    int host = 0;        // 0: the engine picks one
    std::string hostIp;  // "": every address of the host (the engine's default)
    std::string protocol = "tcp";
};

struct MountSpec {
    std::string type;    // volume | bind | tmpfs
    std::string source;  // volume name ("" anonymous), absolute host path (bind), "" (tmpfs)
    std::string target;  // absolute path in the container
    bool readOnly = false;
    // From an inspect only: the HostConfig.Binds entry this mount was ("src:dst:opts"), written back
    // verbatim while the mount is unchanged, and the engine's other Mount fields (VolumeOptions,
    // BindOptions, TmpfsOptions ...), so a clone keeps the form and options of the original.
    std::string bindEntry;
    nlohmann::json engineExtra;
};

struct NetworkSpec {
    std::string name;
    std::vector<std::string> aliases;
    std::string ipv4Address, ipv6Address;  // fixed addresses; "" the engine picks
};

struct HealthcheckSpec {
    std::vector<std::string> test;  // ["CMD", ...] | ["CMD-SHELL", "..."] | ["NONE"]
    std::int64_t intervalNs = 0, timeoutNs = 0, startPeriodNs = 0;  // 0: the engine's default
    int retries = 0;
};

struct ContainerConfig {
    std::string name, image;
    std::optional<std::vector<std::string>> command, entrypoint;  // nullopt: the image's
    std::vector<std::pair<std::string, std::string>> env;          // in order (the engine keeps it)
    std::vector<PortSpec> ports;
    std::vector<MountSpec> mounts;
    std::vector<NetworkSpec> networks;
    std::string restartPolicy = "no";  // no | always | unless-stopped | on-failure
    int restartMaxRetries = 0;
    std::int64_t memory = 0;  // bytes, 0: unlimited
    double cpus = 0;          // 0: unlimited
    runtime::Labels labels;
    std::string user;
    std::optional<HealthcheckSpec> healthcheck;  // nullopt: the image's
    bool privileged = false;
    std::vector<std::string> capAdd, devices, securityOpt;
    std::string networkMode, pidMode, ipcMode;  // "": the engine's default
    // From an inspect only: the rest of the engine's Config and HostConfig, kept verbatim so a clone
    // or an edit changes nothing the form does not name (cap_drop, ulimits, log config, tmpfs ...).
    // The create policy judges the body built with them, so nothing kept here escapes it.
    nlohmann::json engineConfig = nlohmann::json::object();
    nlohmann::json engineHostConfig = nlohmann::json::object();
};

// A create body in the vocabulary above. Throws ContainerError 400 naming the field for an unknown
// key, a wrong type or a bad value; `image` is required.
ContainerConfig parseContainerConfig(const nlohmann::json& body);
// An edit: every field `patch` names replaces the one in `config` (checked as parse does); fields it
// does not name are kept, engine extras included.
void applyConfigPatch(ContainerConfig& config, const nlohmann::json& patch);
// The vocabulary form again (what GET shows as a container's editable config).
nlohmann::json toApiJson(const ContainerConfig& config);

// Labels under rivetr. mark what Rivetr's engine owns (an app's container): nobody sets them by hand.
bool isReservedLabel(const std::string& key);

// host, none and container:<name> give a container no networks of its own to join.
bool usesOwnNetworkStack(const std::string& networkMode);

// "30s", "1500ms", "2m", "1h", or a number of seconds -> nanoseconds; nullopt when unreadable.
std::optional<std::int64_t> parseDuration(const nlohmann::json& value);
// Nanoseconds in the largest unit that divides them ("30s", "1500ms"; "0s" for 0).
std::string formatDuration(std::int64_t ns);

}  // namespace rivetr::containers
