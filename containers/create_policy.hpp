// The one server-side policy every container-creating path applies (create, clone, edit; later stacks, templates, schedules).
#pragma once

#include <functional>
#include <optional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "runtime/runtime_types.hpp"
#include "store/records.hpp"

namespace rivetr::containers {

struct PolicyOptions {
    // [docker] allowed_bind_roots (splitCommaList of it): host directories a non-admin may bind-mount (and what is under
    // them). Empty (the default): no bind mounts for non-admins at all.
    std::vector<std::string> allowedBindRoots;
    // When set, read at every create and used instead of allowedBindRoots: the admin-managed policy
    // (containers/docker_policy.hpp), so a saved change applies at once to every create path.
    std::function<std::vector<std::string>()> currentBindRoots;
    // The engine's socket as configured ([runtime] docker_socket); /var/run/docker.sock and
    // /run/docker.sock are always treated as the socket too.
    std::string dockerSocket = "/var/run/docker.sock";
    // Resolves symlinks of a host path where it can (the local host); the identity otherwise. A bind
    // source is judged both as written and as resolved, so a link under an allowed root that points
    // to / or to the socket does not pass.
    std::function<std::string(const std::string&)> resolve;
    // Looks an existing named volume up on the target host (through its runtime's volume role);
    // nullopt when it does not exist yet: the engine then creates it with the default options, which
    // mount nothing of the host. A local volume whose device is a host path (type=none, o=bind,
    // device=/etc) is a bind mount in disguise and is judged as a bind of that path. Unset: named
    // volumes are not looked up (a pure check of the body, as the unit tests use it).
    std::function<std::optional<runtime::VolumeInfo>(const std::string& name)> findVolume;
};

// One dangerous setting found in a create body: the field in the manager's vocabulary and the rule.
struct PolicyFinding {
    std::string field;  // privileged | network_mode | pid_mode | ipc_mode | userns_mode | uts_mode | cap_add |
                        // devices | security_opt | mounts | volumes_from | driver_opts (a volume's)
    std::string rule;   // e.g. "bind mount outside allowed_bind_roots: /etc"
    nlohmann::json toJson() const { return {{"field", field}, {"rule", rule}}; }
};

// Judges the engine create body itself (HostConfig.Binds AND HostConfig.Mounts, Privileged, CapAdd,
// Devices, DeviceCgroupRules, DeviceRequests, the host namespaces, SecurityOpt, MaskedPaths,
// VolumesFrom), the one thing every path produces, so no alternate field bypasses it
// (Portainer CVE-2026-44850 checked Binds and not Mounts).
//
// Non-admins: the first finding is thrown as ContainerError 403 `policy_violation` naming its field
// and rule; nothing is created. Admins may use every setting: the findings are returned so the audit
// records which dangerous settings the admin used. Nobody but an admin mounts the Docker socket.
std::vector<PolicyFinding> checkCreatePolicy(const nlohmann::json& createBody, store::Role role,
                                             const PolicyOptions& options);

// Whether binding `hostPath` hands over the Docker socket: it is the socket (/var/run/docker.sock,
// /run/docker.sock or options.dockerSocket) or a directory holding it, as written or resolved.
bool exposesDockerSocket(const std::string& hostPath, const PolicyOptions& options);
// The same policy for a volume about to be created: a local volume whose driver options make it a bind
// mount of a host path (o=bind or type=none with device=/path, or an absolute device) is judged as a bind
// of that path (the socket never, allowed_bind_roots for non-admins), so nobody gets around the bind rule
// by creating the volume first and mounting it by name. Findings name the field "driver_opts".
std::vector<PolicyFinding> checkVolumePolicy(const runtime::VolumeSpec& spec, store::Role role, const PolicyOptions& options);

// No bind roots, the default socket, and symlinks resolved on this machine (for the local host).
PolicyOptions localPolicyDefaults();

// Capabilities anyone may add: Docker's default set (re-adding what a cap_drop removed) and IPC_LOCK.
const std::vector<std::string>& safeCapabilities();

}  // namespace rivetr::containers
