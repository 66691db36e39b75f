// What the engine owns about an app (its live deployment, stopped by its user, what its container is doing): written only here, by the engine.
#pragma once

#include <string>

#include "store/records.hpp"
#include "store/store.hpp"

namespace rivetr::store {

// The other half of an app's row. AppRepository writes what a user edits and never these
// columns; the engine writes these through this class and never the settings. Readers see both
// in AppRecord. The API has no instance of it: a handler cannot write engine state.
class AppStateRepository {
public:
    explicit AppStateRepository(Store& store) : store_(store) {}

    // The switch: `deploymentId` now serves the app, which runs (a deploy starts a stopped app).
    // One statement, so nobody reads the new live deployment with the old stopped flag.
    void setLive(const std::string& appId, const std::string& deploymentId);
    // Stopped by its user: parked (503) until started or deployed again, across restarts of rivetr.
    void setStopped(const std::string& appId, bool stopped);
    // What the engine saw of the live container (crashed, restarting, running again). A state
    // other than "crashed" keeps the exit code and last output of the crash before it, so the
    // dashboard can still say why a restart was needed.
    void setCondition(const std::string& appId, const LiveCondition& condition);

private:
    Store& store_;
};

}  // namespace rivetr::store
