// Named pause points for crash tests: a test makes the process wait at an exact step, then kills it.
#pragma once

#include <stdexcept>
#include <string_view>

namespace rivetr {

// Blocks for the configured time when RIVETR_TEST_FAILPOINTS names this point, e.g.
// RIVETR_TEST_FAILPOINTS="pipeline.starting=pause:30000,pipeline.switched=pause:30000" (ms), or
// throws FailpointError for `name=fail` (a step that ends in an unexpected error, as a bug would).
// Read once per process; with the variable unset it is one branch on a cached empty table.
void failpoint(std::string_view name);

struct FailpointError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

}  // namespace rivetr
