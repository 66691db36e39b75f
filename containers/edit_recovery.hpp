// Finishing or rolling back an edit (a recreate) that a crash interrupted, from what its journal row says.
#pragma once

#include <functional>

#include "runtime/container_lifecycle.hpp"
#include "store/container_edit_journal.hpp"

namespace rivetr::containers {

enum class EditRecovery {
    RolledBack,  // the old container is back under its name (running if it ran), the new one removed
    Finished,    // the new container holds the final name (running if the old ran), the old one removed
    Recreated,   // neither was left: the old one was created again from its journaled config
};
const char* toString(EditRecovery r);

// Brings the engine to one of the outcomes above; idempotent (a crash during recovery is recovered by
// the next pass). Which way: before the new container took the final name the edit is rolled back
// (the old one is intact, only stopped or parked); after it, finished. When the side to keep is gone
// (someone removed it meanwhile) the other one is kept instead, and when both are gone
// `recreateOld` makes the old one again. Throws RuntimeError when the engine fails.
EditRecovery recoverEdit(runtime::ContainerLifecycle& rt, const store::ContainerEdit& edit,
                         const std::function<void()>& recreateOld);

}  // namespace rivetr::containers
