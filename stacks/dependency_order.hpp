// The order a stack's services start in: levels of services whose dependencies are all in earlier levels.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace rivetr::stacks {

// service -> the services it depends on. Levels in start order; the services of one level do not
// depend on each other and start in parallel. Dependencies outside the map are ignored (a deploy of
// one service). Throws std::invalid_argument naming a service of a cycle (the loader refuses cycles,
// this guards labels read from containers started elsewhere).
std::vector<std::vector<std::string>> dependencyLevels(const std::map<std::string, std::vector<std::string>>& dependsOn);

// "db:service_healthy:false,cache:service_started:true" (compose's depends_on label) -> {"db", "cache"}.
std::vector<std::string> servicesInDependsOnLabel(const std::string& label);

}  // namespace rivetr::stacks
