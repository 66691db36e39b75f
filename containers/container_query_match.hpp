// The engine's own container filters (all, status, label) applied to a list already read, as `docker ps --filter` applies them.
#pragma once

#include "runtime/runtime_types.hpp"

namespace rivetr::containers {

// Whether the engine can be asked `query` from a whole list read before (names and images match by the
// engine's own rules, a regexp and image ancestry: those go to the engine).
bool answerableFromList(const runtime::ContainerQuery& query);

// Whether the engine would list `row` for `query` (answerableFromList): a status filter implies all=true
// as in dockerd, all=false keeps the running ones (paused and restarting too), a label without a value
// asks only for the key.
bool matchesQuery(const runtime::ContainerSummary& row, const runtime::ContainerQuery& query);

}  // namespace rivetr::containers
