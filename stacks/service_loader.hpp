// One service of a compose file, key by key, into a ServiceSpec; every key outside the supported subset is an issue.
#pragma once

#include <optional>

#include "stacks/compose_model.hpp"
#include "stacks/interpolation.hpp"
#include "stacks/service_volumes.hpp"
#include "stacks/yaml_read.hpp"

namespace rivetr::stacks {

struct ServiceContext {
    BindContext bind;
    VariableLookup variables;  // `environment: [NAME]` takes NAME from here (the stack's variables)
};

// nullopt when an issue was recorded (the loader goes on with the next service).
std::optional<ServiceSpec> loadService(const YamlEntry& entry, const YamlAt& at, const ServiceContext& ctx);

}  // namespace rivetr::stacks
