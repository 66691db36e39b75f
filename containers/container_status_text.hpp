// The engine's `status` column ("Up 5 minutes", "Exited (0) 3 hours ago") said again from a container's state times, at any moment.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "runtime/runtime_types.hpp"

namespace rivetr::containers {

// Docker's HumanDuration (go-units) of `nanos`: "Less than a second", "About a minute", "3 hours", "2 weeks" ...
std::string humanDuration(std::int64_t nanos);

// What Docker's container State.String() says at `nowNanos` (Unix nanoseconds) for `state` as inspect
// reports it; nullopt when a time it needs does not parse. A cached list answers with this, so a row
// read ten minutes after the engine listed it still tells its true age.
std::optional<std::string> dockerStatusText(const runtime::ContainerState& state, std::int64_t nowNanos);

}  // namespace rivetr::containers
