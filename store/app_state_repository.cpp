// What the engine owns about an app (its live deployment, stopped by its user, what its container is doing): written only here, by the engine.
#include "store/app_state_repository.hpp"

#include "core/clock.hpp"

namespace rivetr::store {

void AppStateRepository::setLive(const std::string& appId, const std::string& deploymentId) {
    Store::AppsChanged changed(store_);
    store_.withDb([&](Database& db) {
        db.prepare("UPDATE apps SET live_deployment_id = ?, stopped = 0, live_state = 'running', live_reason = '', "
                   "live_restarts = 0, live_since = ?2, updated_at = ?2 WHERE id = ?3")
            .bindAll(deploymentId, nowMs(), appId)
            .exec();
    });
}

void AppStateRepository::setCondition(const std::string& appId, const LiveCondition& c) {
    Store::AppsChanged changed(store_);
    store_.withDb([&](Database& db) {
        auto st = db.prepare(
            "UPDATE apps SET live_state = ?, live_reason = ?, live_restarts = ?, live_since = ?, "
            "live_exit_code = CASE WHEN ?1 = 'crashed' THEN ? ELSE live_exit_code END, "
            "live_last_output = CASE WHEN ?1 = 'crashed' THEN ? ELSE live_last_output END WHERE id = ?");
        st.bind(1, c.state).bind(2, c.reason).bind(3, c.restarts).bind(4, c.sinceMs.value_or(nowMs()));
        st.bind(5, c.exitCode).bind(6, c.lastOutput).bind(7, appId).exec();
    });
}

void AppStateRepository::setStopped(const std::string& appId, bool stopped) {
    Store::AppsChanged changed(store_);
    store_.withDb([&](Database& db) {
        db.prepare("UPDATE apps SET stopped = ?, updated_at = ? WHERE id = ?")
            .bindAll(stopped ? 1 : 0, nowMs(), appId)
            .exec();
    });
}

}  // namespace rivetr::store
