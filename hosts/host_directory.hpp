// The seam every Docker-manager feature goes through to reach an engine: which hosts exist, and each one's runtime.
#pragma once

#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "runtime/container_runtime.hpp"

namespace rivetr::hosts {

// The id of the engine Rivetr itself runs on ([runtime] in the config); always present.
inline constexpr const char* kLocalHost = "local";

// What the dashboard shows per host. `ok` false: the last attempt failed; `since_ms` says since when.
struct HostState {
    std::string id;          // "local" or a remote host's id
    std::string name;        // what the admin called it ("local" for the local engine)
    std::string kind;        // local | tcp | ssh
    bool ok = false;
    long long sinceMs = 0;   // when `ok` last changed (epoch ms)
    std::string error;       // why it is unreachable; empty when ok
    std::string engineVersion;
};

// Thrown by runtimeFor for an id no host has (the API answers 404).
class HostNotFound : public std::runtime_error {
public:
    explicit HostNotFound(const std::string& id) : std::runtime_error("no host '" + id + "'") {}
};

// Thread-safe. A host that does not answer never blocks another: runtimeFor returns or throws within
// its host's connect timeout, and hosts() answers from the last known states without waiting.
class HostDirectory {
public:
    virtual ~HostDirectory() = default;
    // The engine of `hostId` ("" means the local engine). Throws HostNotFound, or runtime::RuntimeError
    // (DaemonUnavailable) while that host's engine is unreachable.
    virtual std::shared_ptr<runtime::ContainerRuntime> runtimeFor(const std::string& hostId) = 0;
    // Every host, the local one first.
    virtual std::vector<HostState> hosts() = 0;
};

}  // namespace rivetr::hosts
