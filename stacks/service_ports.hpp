// A service's `ports:` in both compose syntaxes, ranges expanded to one engine binding per port.
#pragma once

#include <optional>
#include <vector>

#include "containers/container_config.hpp"
#include "stacks/yaml_read.hpp"

namespace rivetr::stacks {

// Short: "80", "8080:80", "127.0.0.1:8080:80/udp", "[::1]:8080:80", "3000-3005:4000-4005", "9000-9002".
// Long: {target, published, host_ip, protocol, mode, name, app_protocol}.
std::optional<std::vector<containers::PortSpec>> readPorts(const YamlNode& node, const YamlAt& at);

}  // namespace rivetr::stacks
