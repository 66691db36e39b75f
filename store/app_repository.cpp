// Apps and their domains in the store: create, read, update settings, delete, each one transaction.
#include "store/app_repository.hpp"

#include <map>

#include "core/clock.hpp"
#include "store/git_credential_store.hpp"

namespace rivetr::store {
namespace {

// What a user edits, in bindFields order: the only columns create and updateSettings write.
const std::string kSettingsColumns =
    "name, git_url, branch, port, build_type, dockerfile_path, base_dir, build_target, healthcheck_type, "
    "healthcheck_path, healthcheck_interval_ms, healthcheck_timeout_ms, healthcheck_retries, "
    "healthcheck_start_period_ms, memory_limit_bytes, cpu_limit_millis, webhook_secret_enc";

// Everything readApp reads. live_deployment_id, stopped and live_* are the engine's (AppStateRepository
// writes them): read here, never written here, so a settings edit cannot undo a switch or a stop.
// git_token_enc is a setting written apart (writeGitCredential), sealed.
const std::string kColumns =
    "id, " + kSettingsColumns + ", live_deployment_id, "
    "created_at, updated_at, clone_timeout_ms, build_timeout_ms, start_timeout_ms, health_timeout_ms, stopped, "
    "git_token_enc, live_state, live_reason, live_exit_code, live_last_output, live_restarts, live_since, auto_deploy";

std::string webhookPlace(const std::string& appId) { return "app:" + appId + ":webhook_secret"; }

AppRecord readApp(const Statement& st, const SecretBox& box) {
    AppRecord a;
    st.columnsFrom(0, a.id, a.name, a.gitUrl, a.branch, a.port, a.buildType, a.dockerfilePath, a.baseDir,
                   a.buildTarget);
    a.healthcheck = {st.getText(9), st.getText(10), st.getInt(11), st.getInt(12), st.getInt(13), st.getInt(14)};
    a.memoryLimitBytes = st.getOptInt(15);
    a.cpuLimitMillis = st.getOptInt(16);
    a.webhookSecret = box.open(st.getBlob(17), webhookPlace(a.id));
    st.columnsFrom(18, a.liveDeploymentId, a.createdAt, a.updatedAt);
    a.deadlines = {st.getOptInt(21), st.getOptInt(22), st.getOptInt(23), st.getOptInt(24)};
    a.stopped = st.getInt(25) != 0;
    a.gitCredential = readGitCredential(st, 26, box, a.id);
    a.condition = {st.getText(27), st.getText(28), st.getOptInt(29), st.getText(30), st.getInt(31), st.getOptInt(32)};
    a.autoDeploy = st.getInt(33) != 0;
    return a;
}

// Binds the settings columns in kSettingsColumns order, starting at `i`.
void bindFields(Statement& st, int i, const AppRecord& a, const SecretBox& box) {
    const auto& h = a.healthcheck;
    st.bind(i, a.name);
    st.bind(i + 1, a.gitUrl);
    st.bind(i + 2, a.branch);
    st.bind(i + 3, a.port);
    st.bind(i + 4, a.buildType);
    st.bind(i + 5, a.dockerfilePath);
    st.bind(i + 6, a.baseDir);
    st.bind(i + 7, a.buildTarget);
    st.bind(i + 8, h.type);
    st.bind(i + 9, h.path);
    st.bind(i + 10, h.intervalMs);
    st.bind(i + 11, h.timeoutMs);
    st.bind(i + 12, h.retries);
    st.bind(i + 13, h.startPeriodMs);
    st.bind(i + 14, a.memoryLimitBytes);
    st.bind(i + 15, a.cpuLimitMillis);
    st.bind(i + 16, box.seal(a.webhookSecret, webhookPlace(a.id)));
}

// Kept out of bindFields so the long positional INSERT/UPDATE stays as it was before migration 005
// (the settings added since, deadlines and auto_deploy, are written here).
void writeDeadlines(Database& db, const AppRecord& a) {
    const auto& d = a.deadlines;
    db.prepare("UPDATE apps SET clone_timeout_ms=?, build_timeout_ms=?, start_timeout_ms=?, health_timeout_ms=?, "
               "auto_deploy=? WHERE id=?")
        .bindAll(d.cloneMs, d.buildMs, d.startMs, d.healthMs, std::int64_t{a.autoDeploy}, a.id)
        .exec();
}

// Why `domain` cannot be added: who holds it, so the user knows where to free it.
std::string domainTakenMessage(Database& db, const std::string& domain, const std::string& appId) {
    auto st = db.prepare("SELECT a.id, a.name FROM domains d JOIN apps a ON a.id = d.app_id WHERE d.domain = ?");
    st.bind(1, domain);
    std::string quoted = "\"" + domain + "\"";
    if (st.step()) {
        if (st.getText(0) == appId) return "domain " + quoted + " is listed twice";
        return "domain " + quoted + " is already in use by the app \"" + st.getText(1) +
               "\"; remove it from that app first";
    }
    auto ext = db.prepare("SELECT 1 FROM external_routes WHERE domain = ?");
    ext.bind(1, domain);
    if (ext.step()) return "domain " + quoted + " is already in use by an external route; remove that route first";
    return "domain " + quoted + " is already in use";
}

void writeDomains(Database& db, const AppRecord& a, std::int64_t now) {
    db.prepare("DELETE FROM domains WHERE app_id = ?").bind(1, a.id).exec();
    auto ins = db.prepare("INSERT INTO domains(domain, app_id, created_at, generated) VALUES (?, ?, ?, ?)");
    for (const auto& d : a.domains) {
        try {
            ins.bind(1, d).bind(2, a.id).bind(3, now).bind(4, std::int64_t{d == a.generatedDomain}).exec();
        } catch (const DbError& e) {
            // Only the statement was aborted: the transaction can still be read, then rolls back.
            if (!e.isConstraint()) throw;
            throw ConflictError("domains", domainTakenMessage(db, d, a.id));
        }
        ins.reset();
    }
}

// One row of `SELECT domain, generated`: onto the app's domains (and its generated one).
void addDomain(AppRecord& app, const std::string& domain, bool generated) {
    app.domains.push_back(domain);
    if (generated) app.generatedDomain = domain;
}

void readDomains(Database& db, AppRecord& app) {
    auto st = db.prepare("SELECT domain, generated FROM domains WHERE app_id = ? ORDER BY domain");
    st.bind(1, app.id);
    while (st.step()) addDomain(app, st.getText(0), st.getInt(1) != 0);
}

using AppsChanged = Store::AppsChanged;

const std::initializer_list<std::pair<const char*, const char*>> kConflicts{{"apps.name", "name"},
                                                                             {"domains.domain", "domains"}};

}  // namespace

void AppRepository::create(const AppRecord& app) {
    AppsChanged changed(store_);
    save(app, [&](Database& db, std::int64_t now) {
        // The engine's columns start at their defaults: no live deployment, not stopped.
        auto st = db.prepare("INSERT INTO apps(id, " + kSettingsColumns +
                             ", created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
        st.bind(1, app.id);
        bindFields(st, 2, app, box_);
        st.bind(19, now).bind(20, now).exec();
    });
}

// The apps row (`writeRow` runs it, given the time), then the rows the app owns, in one transaction;
// a UNIQUE violation becomes the ConflictError that names the field.
void AppRepository::save(const AppRecord& app, const std::function<void(Database&, std::int64_t now)>& writeRow) {
    store_.withDb([&](Database& db) {
        try {
            Transaction tx(db);
            auto now = nowMs();
            writeRow(db, now);
            writeDeadlines(db, app);
            writeGitCredential(db, app.id, app.gitCredential, box_);
            writeDomains(db, app, now);
            tx.commit();
        } catch (const DbError& e) {
            rethrowAsConflict(e, kConflicts);
        }
    });
}

std::optional<AppRecord> AppRepository::find(const std::string& idOrName) {
    return store_.withDb([&](Database& db) -> std::optional<AppRecord> {
        auto st = db.prepare("SELECT " + kColumns +
                             " FROM apps WHERE id = ?1 OR name = ?1 ORDER BY id = ?1 DESC LIMIT 1");
        st.bind(1, idOrName);
        if (!st.step()) return std::nullopt;
        auto app = readApp(st, box_);
        readDomains(db, app);
        return app;
    });
}

std::vector<AppRecord> AppRepository::list() {
    return store_.withDb([&](Database& db) {
        std::vector<AppRecord> out;
        std::map<std::string, std::size_t> index;  // app id → position in `out`
        auto st = db.prepare("SELECT " + kColumns + " FROM apps ORDER BY name");
        while (st.step()) {
            out.push_back(readApp(st, box_));
            index[out.back().id] = out.size() - 1;
        }
        auto ds = db.prepare("SELECT app_id, domain, generated FROM domains ORDER BY domain");
        while (ds.step()) {
            auto it = index.find(ds.getText(0));
            if (it != index.end()) addDomain(out[it->second], ds.getText(1), ds.getInt(2) != 0);
        }
        return out;
    });
}

void AppRepository::updateSettings(const AppRecord& app) {
    AppsChanged changed(store_);
    save(app, [&](Database& db, std::int64_t now) {
        auto st = db.prepare(
            "UPDATE apps SET name=?, git_url=?, branch=?, port=?, build_type=?, dockerfile_path=?, base_dir=?, "
            "build_target=?, healthcheck_type=?, healthcheck_path=?, healthcheck_interval_ms=?, "
            "healthcheck_timeout_ms=?, healthcheck_retries=?, healthcheck_start_period_ms=?, "
            "memory_limit_bytes=?, cpu_limit_millis=?, webhook_secret_enc=?, updated_at=? WHERE id=?");
        bindFields(st, 1, app, box_);
        st.bind(18, now).bind(19, app.id).exec();
    });
}

bool AppRepository::remove(const std::string& id) {
    AppsChanged changed(store_);
    return store_.withDb([&](Database& db) { return db.prepare("DELETE FROM apps WHERE id = ?").bind(1, id).exec() > 0; });
}

}  // namespace rivetr::store
