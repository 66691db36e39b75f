// What a volume name, driver, label and driver option may be, checked before any engine call (names reach URLs and drivers).
#pragma once

#include <map>
#include <string>

#include "runtime/runtime_types.hpp"

namespace rivetr::volumes {

// Docker's own rule for volume names, ^[a-zA-Z0-9][a-zA-Z0-9_.-]+$ (at most 255 characters): a name
// like "x;touch /tmp/pwn" or "../x" never reaches the engine. Throws ContainerError 400
// `invalid_volume_name` naming `field`.
void checkVolumeName(const std::string& name, const std::string& field = "name");

// The whole create request: the name as above; a driver name (a plugin's may hold '/' and ':'); labels
// with non-empty keys, none under rivetr. (those mark what Rivetr's engine owns); driver option keys
// of letters, digits and "_.-", values without control characters. Throws ContainerError 400 naming
// the field ("driver", "labels.<key>", "driver_opts.<key>").
void checkVolumeSpec(const runtime::VolumeSpec& spec);

}  // namespace rivetr::volumes
