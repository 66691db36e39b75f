// The runtime seam's network role: networks and which containers are attached to them.
#pragma once

#include <string>
#include <vector>

#include "runtime/runtime_types.hpp"

namespace rivetr::runtime {

class NetworkStore {
public:
    virtual ~NetworkStore() = default;

    virtual std::vector<NetworkInfo> listNetworks(const LabelFilter& labels) = 0;
    virtual NetworkInfo inspectNetwork(const std::string& idOrName) = 0;
    // Creates exactly the spec (its driver, one address pool when `subnet` is set, options); the
    // engine's refusals (a name taken, an overlapping subnet) are thrown with its reason.
    virtual NetworkInfo createNetwork(const NetworkSpec& spec) = 0;
    virtual void removeNetwork(const std::string& idOrName) = 0;
    virtual void connectNetwork(const std::string& network, const std::string& container,
                                const std::vector<std::string>& aliases = {}) = 0;
    // Joins `container` to `network` with its aliases and fixed address there (a manager's create
    // or recreate restores every endpoint a container had).
    virtual void connectEndpoint(const std::string& network, const std::string& container,
                                 const EndpointSettings& endpoint) = 0;
    virtual void disconnectNetwork(const std::string& network, const std::string& container, bool force = false) = 0;
    // An empty filter is replaced by rivetr.managed=true, as for images.
    virtual PruneResult pruneNetworks(const LabelFilter& labels = {}) = 0;
};

}  // namespace rivetr::runtime
