// Named pause points for crash tests: a test makes the process wait at an exact step, then kills it.
#pragma once

#include <string_view>

namespace rivetr {

// Blocks for the configured time when RIVETR_TEST_FAILPOINTS names this point, e.g.
// RIVETR_TEST_FAILPOINTS="pipeline.starting=pause:30000,pipeline.switched=pause:30000" (ms).
// Read once per process; with the variable unset it is one branch on a cached empty table.
void failpoint(std::string_view name);

}  // namespace rivetr
