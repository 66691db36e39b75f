// The volume browser and volume backup/restore routes (on any host).
#pragma once

#include <memory>
#include <vector>

#include "api/http/route.hpp"
#include "api/volume_content/volume_content_deps.hpp"

namespace rivetr::api {

std::vector<Route> volumeContentRoutes(std::shared_ptr<const VolumeContentDeps> deps);

}  // namespace rivetr::api
