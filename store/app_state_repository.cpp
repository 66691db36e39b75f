// What the engine owns about an app (its live deployment, stopped by its user): written only here, by the engine.
#include "store/app_state_repository.hpp"

#include "core/clock.hpp"

namespace rivetr::store {

void AppStateRepository::setLive(const std::string& appId, const std::string& deploymentId) {
    Store::AppsChanged changed(store_);
    store_.withDb([&](Database& db) {
        db.prepare("UPDATE apps SET live_deployment_id = ?, stopped = 0, updated_at = ? WHERE id = ?")
            .bind(1, deploymentId)
            .bind(2, nowMs())
            .bind(3, appId)
            .exec();
    });
}

void AppStateRepository::setStopped(const std::string& appId, bool stopped) {
    Store::AppsChanged changed(store_);
    store_.withDb([&](Database& db) {
        db.prepare("UPDATE apps SET stopped = ?, updated_at = ? WHERE id = ?")
            .bind(1, stopped ? 1 : 0)
            .bind(2, nowMs())
            .bind(3, appId)
            .exec();
    });
}

}  // namespace rivetr::store
