// Deployments and their logs: every status change is written (with its time) before its side effect.
#include "store/deployment_repository.hpp"

#include "core/clock.hpp"

namespace rivetr::store {
namespace {

constexpr const char* kColumns =
    "id, app_id, status, trigger, requested_commit, commit_sha, commit_message, commit_author, image, container_id, "
    "rollback_of, error, created_at, started_at, finished_at, status_changed_at, env_digest";

constexpr const char* kTerminalSql = "('running', 'failed', 'cancelled', 'replaced', 'rolled_back')";

DeploymentRecord readDeployment(const Statement& st) {
    DeploymentRecord d;
    st.columnsFrom(0, d.id, d.appId, d.status, d.trigger, d.requestedCommit, d.commitSha, d.commitMessage,
                   d.commitAuthor, d.image, d.containerId, d.rollbackOf, d.error, d.createdAt, d.startedAt,
                   d.finishedAt, d.statusChangedAt, d.envDigest);
    return d;
}

std::vector<DeploymentRecord> query(Database& db, const std::string& where, const std::function<void(Statement&)>& bind) {
    auto st = db.prepare(std::string("SELECT ") + kColumns + " FROM deployments " + where);
    bind(st);
    return st.rows(readDeployment);
}

}  // namespace

void DeploymentRepository::create(const DeploymentRecord& d) {
    store_.withDb([&](Database& db) {
        auto now = nowMs();
        db.prepare("INSERT INTO deployments(id, app_id, status, trigger, requested_commit, commit_sha, commit_message, "
                   "commit_author, rollback_of, image, created_at, status_changed_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)")
            .bindAll(d.id, d.appId, d.status, d.trigger, d.requestedCommit, d.commitSha, d.commitMessage,
                     d.commitAuthor, d.rollbackOf, d.image, now, now)
            .exec();
    });
}

std::optional<DeploymentRecord> DeploymentRepository::get(const std::string& id) {
    auto rows = store_.withDb([&](Database& db) { return query(db, "WHERE id = ?", [&](Statement& s) { s.bind(1, id); }); });
    if (rows.empty()) return std::nullopt;
    return rows.front();
}

std::vector<DeploymentRecord> DeploymentRepository::listForApp(const std::string& appId, int limit) {
    return store_.withDb([&](Database& db) {
        return query(db, "WHERE app_id = ? ORDER BY created_at DESC, rowid DESC LIMIT ?",
                     [&](Statement& s) { s.bind(1, appId).bind(2, limit); });
    });
}

std::vector<DeploymentRecord> DeploymentRepository::recent(int limit) {
    return store_.withDb([&](Database& db) {
        return query(db, "ORDER BY created_at DESC, rowid DESC LIMIT ?", [&](Statement& s) { s.bind(1, limit); });
    });
}

std::vector<DeploymentRecord> DeploymentRepository::latestPerApp() {
    // One index probe per app (deployments_app), not a scan of every deployment ever made.
    return store_.withDb([&](Database& db) {
        return query(db,
                     "WHERE rowid IN (SELECT (SELECT d.rowid FROM deployments d WHERE d.app_id = apps.id "
                     "ORDER BY d.created_at DESC, d.rowid DESC LIMIT 1) FROM apps) "
                     "ORDER BY created_at DESC, rowid DESC",
                     [](Statement&) {});
    });
}

std::vector<DeploymentRecord> DeploymentRepository::unfinished() {
    return store_.withDb([&](Database& db) {
        return query(db, std::string("WHERE status NOT IN ") + kTerminalSql + " ORDER BY created_at, rowid",
                     [](Statement&) {});
    });
}

bool DeploymentRepository::transition(const std::string& id, const std::string& status,
                                      const std::optional<std::string>& error) {
    return store_.withDb([&](Database& db) {
        auto now = nowMs();
        bool terminal = isTerminalStatus(status);
        // "running" may still become "replaced"; other terminal statuses are final.
        auto st = db.prepare(
            "UPDATE deployments SET status = ?1, status_changed_at = ?2, "
            "started_at = CASE WHEN started_at IS NULL AND ?1 != 'pending' THEN ?2 ELSE started_at END, "
            "finished_at = CASE WHEN ?3 THEN COALESCE(finished_at, ?2) ELSE finished_at END, "
            "error = COALESCE(?4, error) "
            "WHERE id = ?5 AND (status NOT IN ('failed', 'cancelled', 'replaced', 'rolled_back')) "
            "AND NOT (status = 'running' AND ?1 != 'replaced')");
        st.bind(1, status).bind(2, now).bind(3, terminal ? 1 : 0).bind(4, error).bind(5, id);
        return st.exec() > 0;
    });
}

void DeploymentRepository::setCommit(const std::string& id, const std::string& sha, const std::string& message,
                                     const std::string& author) {
    store_.withDb([&](Database& db) {
        db.prepare("UPDATE deployments SET commit_sha = ?, commit_message = ?, commit_author = ? WHERE id = ?")
            .bindAll(sha, message, author, id)
            .exec();
    });
}

void DeploymentRepository::setImage(const std::string& id, const std::string& image) {
    store_.withDb([&](Database& db) {
        db.prepare("UPDATE deployments SET image = ? WHERE id = ?").bind(1, image).bind(2, id).exec();
    });
}

void DeploymentRepository::setContainer(const std::string& id, const std::optional<std::string>& containerId) {
    store_.withDb([&](Database& db) {
        db.prepare("UPDATE deployments SET container_id = ? WHERE id = ?").bind(1, containerId).bind(2, id).exec();
    });
}

void DeploymentRepository::setEnvDigest(const std::string& id, const std::string& digest) {
    store_.withDb([&](Database& db) {
        db.prepare("UPDATE deployments SET env_digest = ? WHERE id = ?").bind(1, digest).bind(2, id).exec();
    });
}

void DeploymentRepository::setSource(const std::string& id, const std::string& rollbackOf, const std::string& image) {
    store_.withDb([&](Database& db) {
        db.prepare("UPDATE deployments SET rollback_of = ?, image = ? WHERE id = ?")
            .bindAll(rollbackOf, image, id)
            .exec();
    });
}

std::int64_t DeploymentRepository::pruneLogs(const std::string& appId, int keepDeployments) {
    return store_.withDb([&](Database& db) {
        return db
            .prepare("DELETE FROM deployment_logs WHERE deployment_id IN (SELECT id FROM deployments WHERE app_id = ? "
                     "ORDER BY created_at DESC, id DESC LIMIT -1 OFFSET ?)")
            .bind(1, appId)
            .bind(2, keepDeployments)
            .exec();
    });
}

void DeploymentRepository::appendLogs(const std::string& deploymentId, const std::vector<LogLine>& lines) {
    if (lines.empty()) return;
    store_.withDb([&](Database& db) {
        Transaction tx(db);
        auto st = db.prepare("INSERT INTO deployment_logs(deployment_id, ts, stream, line) VALUES (?,?,?,?)");
        for (const auto& l : lines) {
            st.bind(1, deploymentId).bind(2, l.ts).bind(3, l.stream).bind(4, l.line).exec();
            st.reset();
        }
        tx.commit();
    });
}

std::map<std::string, std::int64_t> DeploymentRepository::countByStatus() {
    return store_.withDb([&](Database& db) {
        auto st = db.prepare("SELECT status, COUNT(*) FROM deployments GROUP BY status");
        std::map<std::string, std::int64_t> out;
        while (st.step()) out[st.getText(0)] = st.getInt(1);
        return out;
    });
}

std::vector<LogLine> DeploymentRepository::logs(const std::string& deploymentId, std::int64_t afterId, int limit) {
    return store_.withDb([&](Database& db) {
        auto st = db.prepare(
            "SELECT id, ts, stream, line FROM deployment_logs WHERE deployment_id = ? AND id > ? ORDER BY id LIMIT ?");
        st.bind(1, deploymentId).bind(2, afterId).bind(3, limit);
        std::vector<LogLine> out;
        while (st.step()) out.push_back({st.getInt(0), st.getInt(1), st.getText(2), st.getText(3)});
        return out;
    });
}

}  // namespace rivetr::store
