// The audit log: every mutation with its actor, appended and never edited; read newest first.
#include "store/audit_repository.hpp"

#include "core/clock.hpp"

namespace rivetr::store {

void AuditRepository::append(const AuditEntry& e) {
    store_.withDb([&](Database& db) {
        db.prepare(
              "INSERT INTO audit_log(ts, actor_type, actor, action, target_type, target_id, details, request_id, ip) "
              "VALUES (?,?,?,?,?,?,?,?,?)")
            .bindAll(e.ts ? e.ts : nowMs(), e.actorType, e.actor, e.action, e.targetType, e.targetId, e.details,
                     e.requestId, e.ip)
            .exec();
    });
}

std::vector<AuditEntry> AuditRepository::list(int limit, std::int64_t beforeId) {
    return store_.withDb([&](Database& db) {
        auto st = db.prepare(
            "SELECT id, ts, actor_type, actor, action, COALESCE(target_type,''), COALESCE(target_id,''), "
            "COALESCE(details,''), COALESCE(request_id,''), COALESCE(ip,'') FROM audit_log "
            "WHERE (?1 = 0 OR id < ?1) ORDER BY id DESC LIMIT ?2");
        st.bind(1, beforeId).bind(2, limit);
        std::vector<AuditEntry> out;
        while (st.step()) {
            out.push_back({st.getInt(0), st.getInt(1), st.getText(2), st.getText(3), st.getText(4), st.getText(5),
                           st.getText(6), st.getText(7), st.getText(8), st.getText(9)});
        }
        return out;
    });
}

}  // namespace rivetr::store
