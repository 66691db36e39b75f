// Stack variables and deploy revisions: the parts of a stack that are not its files.
#include "store/stack_repository.hpp"

#include "core/clock.hpp"

namespace rivetr::store {
namespace {

std::string place(const std::string& stack, const std::string& key) { return "stack-env:" + stack + ":" + key; }

StackRevision readRevision(Statement& st) {
    StackRevision r;
    st.columnsFrom(0, r.stack, r.revision, r.compose, r.envFile, r.status, r.error, r.service, r.actor, r.startedAt, r.finishedAt);
    return r;
}

constexpr const char* kRevisionColumns =
    "SELECT stack, revision, compose, env_file, status, error, service, actor, started_at, finished_at FROM stack_revisions ";

}  // namespace

std::vector<StackVar> StackRepository::vars(const std::string& stack) {
    return store_.withDb([&](Database& db) {
        auto st = db.prepare("SELECT key, value_enc, is_secret FROM stack_env WHERE stack = ? ORDER BY key");
        st.bind(1, stack);
        return st.rows([&](Statement& s) {
            auto key = s.getText(0);
            return StackVar{key, box_.open(s.getBlob(1), place(stack, key)), s.getInt(2) != 0};
        });
    });
}

void StackRepository::replaceVars(const std::string& stack, const std::vector<StackVar>& vars) {
    store_.withDb([&](Database& db) {
        Transaction tx(db);
        db.prepare("DELETE FROM stack_env WHERE stack = ?").bind(1, stack).exec();
        auto now = nowMs();
        for (const auto& v : vars)
            db.prepare("INSERT INTO stack_env(stack, key, value_enc, is_secret, updated_at) VALUES (?,?,?,?,?)")
                .bindAll(stack, v.key, box_.seal(v.value, place(stack, v.key)), v.secret, now)
                .exec();
        tx.commit();
    });
}

std::int64_t StackRepository::beginRevision(const std::string& stack, const std::string& compose,
                                            const std::optional<std::string>& envFile, const std::string& actor) {
    return store_.withDb([&](Database& db) {
        Transaction tx(db);
        auto st = db.prepare("SELECT COALESCE(MAX(revision), 0) + 1 FROM stack_revisions WHERE stack = ?");
        st.bind(1, stack);
        st.step();
        std::int64_t next = st.getInt(0);
        db.prepare("INSERT INTO stack_revisions(stack, revision, compose, env_file, status, actor, started_at) VALUES (?,?,?,?,?,?,?)")
            .bindAll(stack, next, compose, envFile, "deploying", actor, nowMs())
            .exec();
        tx.commit();
        return next;
    });
}

void StackRepository::finishRevision(const std::string& stack, std::int64_t revision, const std::string& status,
                                     const std::optional<std::string>& error, const std::optional<std::string>& service) {
    store_.withDb([&](Database& db) {
        db.prepare("UPDATE stack_revisions SET status = ?, error = ?, service = ?, finished_at = ? WHERE stack = ? AND revision = ?")
            .bindAll(status, error, service, nowMs(), stack, revision)
            .exec();
    });
}

std::vector<StackRevision> StackRepository::revisions(const std::string& stack, int limit) {
    return store_.withDb([&](Database& db) {
        auto st = db.prepare(std::string(kRevisionColumns) + "WHERE stack = ? ORDER BY revision DESC LIMIT ?");
        st.bindAll(stack, static_cast<std::int64_t>(limit));
        return st.rows(readRevision);
    });
}

std::optional<StackRevision> StackRepository::deployedRevision(const std::string& stack) {
    return store_.withDb([&](Database& db) -> std::optional<StackRevision> {
        auto st = db.prepare(std::string(kRevisionColumns) + "WHERE stack = ? AND status = 'deployed' ORDER BY revision DESC LIMIT 1");
        st.bind(1, stack);
        if (!st.step()) return std::nullopt;
        return readRevision(st);
    });
}

std::vector<std::string> StackRepository::failInterrupted() {
    return store_.withDb([&](Database& db) {
        auto st = db.prepare("SELECT DISTINCT stack FROM stack_revisions WHERE status = 'deploying'");
        auto stacks = st.rows([](Statement& s) { return s.getText(0); });
        db.prepare("UPDATE stack_revisions SET status = 'failed', error = 'interrupted: Rivetr stopped during the deploy', finished_at = ? "
                   "WHERE status = 'deploying'")
            .bind(1, nowMs())
            .exec();
        return stacks;
    });
}

void StackRepository::removeStack(const std::string& stack) {
    store_.withDb([&](Database& db) {
        Transaction tx(db);
        db.prepare("DELETE FROM stack_env WHERE stack = ?").bind(1, stack).exec();
        db.prepare("DELETE FROM stack_revisions WHERE stack = ?").bind(1, stack).exec();
        tx.commit();
    });
}

}  // namespace rivetr::store
