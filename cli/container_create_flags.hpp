// `rivetr containers create`'s flags turned into the body of POST /api/containers (docker run's spellings:
// -p 8080:80/udp, --mount type=volume,source=v,target=/data,readonly, --env K=V); pure, so unit-tested.
#pragma once

#include <nlohmann/json.hpp>

#include "cli/args.hpp"

namespace rivetr::cli {

// positional[1] is the image, the rest the command. Throws UsageError naming a malformed flag.
nlohmann::json containerCreateBody(const Args& args);

}  // namespace rivetr::cli
