// The Docker manager's unfinished edits (a crash, a failed rollback) finished or rolled back: at start-up and periodically.
#include "server/edit_recovery_pass.hpp"

#include <nlohmann/json.hpp>

#include "containers/container_manager.hpp"
#include "core/clock.hpp"
#include "core/log.hpp"

namespace rivetr::server {
namespace {

void audit(store::AuditRepository& log, const containers::RecoveredEdit& r) {
    store::AuditEntry e;
    e.ts = nowMs();
    e.actorType = "system";
    e.actor = "edit-recovery";
    e.action = "container.edit_recovered";
    e.targetType = "container";
    e.targetId = r.edit.oldId;
    e.details = nlohmann::json{{"host", r.edit.host},
                               {"name", r.edit.finalName},
                               {"interrupted_at", store::toString(r.edit.step)},
                               {"outcome", containers::toString(*r.outcome)},
                               {"new_id", r.edit.newId}}
                    .dump();
    log.append(e);
}

}  // namespace

void recoverContainerEdits(hosts::HostDirectory& hosts, const containers::PolicyOptions& policy,
                           store::ContainerEditJournal& journal, store::AuditRepository& audits) {
    try {
        containers::ContainerManager manager(hosts, policy, nullptr, &journal);
        for (const auto& r : manager.recoverEdits()) {
            if (!r.outcome) {
                log::warn("containers.edit_recovery_pending",
                          {{"host", r.edit.host}, {"container", r.edit.oldName}, {"error", r.error}});
                continue;
            }
            log::info("containers.edit_recovered", {{"host", r.edit.host},
                                                    {"container", r.edit.finalName},
                                                    {"interrupted_at", store::toString(r.edit.step)},
                                                    {"outcome", containers::toString(*r.outcome)}});
            audit(audits, r);
        }
    } catch (const std::exception& e) {
        log::error("containers.edit_recovery_failed", {{"error", e.what()}});
    }
}

}  // namespace rivetr::server
