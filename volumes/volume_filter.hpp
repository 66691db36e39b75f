// Which volumes a list shows: the Docker manager's filters (driver, label, dangling, app, stack, search), ANDed.
#pragma once

#include <optional>
#include <string>

#include "volumes/volume_catalog.hpp"

namespace rivetr::volumes {

struct VolumeFilter {
    std::string driver;             // exact driver name ("" any)
    runtime::LabelFilter labels;    // every one must match; an empty value: has the label
    std::optional<bool> dangling;   // true: only volumes no container mounts; false: only mounted ones
    std::string app;                // the owning app's id or name
    std::string stack;              // the compose project
    std::string search;             // a part of the name, any case
};

// Pure.
bool matches(const VolumeEntry& entry, const VolumeFilter& filter);

}  // namespace rivetr::volumes
