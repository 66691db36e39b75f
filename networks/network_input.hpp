// The rules a network's create, connect and disconnect input must pass before any engine is asked.
#pragma once

#include <string>

#include "runtime/runtime_types.hpp"
#include "store/records.hpp"

namespace rivetr::networks {

// Docker's rule for network names, ^[a-zA-Z0-9][a-zA-Z0-9_.-]+$ (at most 128 characters); the same
// for the container a connect names, so no name reaches a URL or the engine unchecked.
bool isValidName(const std::string& name);
// The engine's own networks: `bridge`, `host` and `none` can never be removed.
bool isBuiltinNetwork(const std::string& name);

// Every field of a create, checked: name, driver (bridge or macvlan; macvlan needs options.parent,
// an interface name), subnet and ip_range as CIDR blocks, gateway an address, both inside the
// subnet and of its family (so they need one), labels without Rivetr's ownership labels.
// Throws containers::ContainerError 400 `invalid_network` naming the field.
void checkSpec(const runtime::NetworkSpec& spec);

// What a developer may not create (403 `admin_only` naming the field): a macvlan network or bridge
// options outside the harmless few. macvlan gives containers their own address on the host's LAN,
// beside the host, past the proxy and the host firewall's usual rules for published ports: the
// exposure a host network gives, so only an admin decides it (as the create policy keeps
// NetworkMode=host for admins). A bridge option such as com.docker.network.bridge.name could take
// over an existing host bridge; mtu, icc and masquerade only shape the network itself.
void checkRole(const runtime::NetworkSpec& spec, store::Role role);

// A connect's container (id or name), aliases (names) and fixed IPv4 address (an address, or "").
void checkEndpoint(const std::string& container, const runtime::EndpointSettings& endpoint);

}  // namespace rivetr::networks
