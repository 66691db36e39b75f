// Dashboard users: Argon2id password hashes, roles, disabling, the last-admin rule and TOTP state.
#include "store/user_repository.hpp"

#include "core/clock.hpp"
#include "core/ids.hpp"
#include "store/conflict_error.hpp"

namespace rivetr::store {
namespace {

constexpr const char* kColumns = "id, username, role, disabled, totp_enabled, created_at, updated_at";

UserRecord readUser(const Statement& st) {
    UserRecord u;
    u.id = st.getText(0);
    u.username = st.getText(1);
    u.role = parseRole(st.getText(2)).value_or(Role::viewer);
    st.columnsFrom(3, u.disabled, u.totpEnabled, u.createdAt, u.updatedAt);
    return u;
}

std::optional<UserRecord> selectUser(Database& db, const std::string& id) {
    auto st = db.prepare(std::string("SELECT ") + kColumns + " FROM users WHERE id = ?");
    st.bind(1, id);
    if (!st.step()) return std::nullopt;
    return readUser(st);
}

bool isActiveAdmin(const UserRecord& u) { return u.role == Role::admin && !u.disabled; }

// The instance must keep one enabled admin user once it has one: otherwise nobody could log in
// to manage it (the admin token aside, which may be lost).
void refuseLastAdmin(Database& db, const UserRecord& before, bool stillActiveAdmin, const char* field) {
    if (!isActiveAdmin(before) || stillActiveAdmin) return;
    auto st = db.prepare("SELECT COUNT(*) FROM users WHERE role = 'admin' AND disabled = 0");
    st.step();
    if (st.getInt(0) <= 1) throw ConflictError(field, "this is the last enabled admin; make another admin first");
}

std::string totpPlace(const std::string& id) { return "user:" + id + ":totp_secret"; }

}  // namespace

UserRecord UserRepository::create(const std::string& username, const std::string& password, Role role) {
    UserRecord u;
    u.id = newId("usr");
    u.username = username;
    u.role = role;
    u.createdAt = u.updatedAt = nowMs();
    auto hash = hasher_.hash(password);  // slow: outside the store lock
    store_.withDb([&](Database& db) {
        try {
            db.prepare("INSERT INTO users(id, username, password_hash, role, created_at, updated_at) VALUES (?,?,?,?,?,?)")
                .bindAll(u.id, u.username, hash, roleName(role), u.createdAt, u.updatedAt)
                .exec();
        } catch (const DbError& e) {
            rethrowAsConflict(e, {{"users.username", "username"}});
        }
    });
    return u;
}

std::optional<UserRecord> UserRepository::checkPassword(const std::string& username, const std::string& password) {
    auto found = store_.withDb([&](Database& db) -> std::optional<std::pair<UserRecord, std::string>> {
        auto st = db.prepare(std::string("SELECT ") + kColumns + ", password_hash FROM users WHERE username = ?");
        st.bind(1, username);
        if (!st.step()) return std::nullopt;
        return std::make_pair(readUser(st), st.getText(7));
    });
    if (!found) {
        hasher_.verifyDummy(password);
        return std::nullopt;
    }
    // The hash is checked even for a disabled user, so the answer's timing says nothing either.
    bool ok = hasher_.verify(password, found->second);
    if (!ok || found->first.disabled) return std::nullopt;
    return found->first;
}

std::optional<UserRecord> UserRepository::get(const std::string& id) {
    return store_.withDb([&](Database& db) { return selectUser(db, id); });
}

std::vector<UserRecord> UserRepository::list() {
    return store_.withDb([&](Database& db) {
        return db.prepare(std::string("SELECT ") + kColumns + " FROM users ORDER BY username").rows(readUser);
    });
}

std::optional<UserRecord> UserRepository::update(const std::string& id, const UserChange& change, TokenHandover* tokens) {
    std::optional<std::string> hash;
    if (change.password) hash = hasher_.hash(*change.password);
    return store_.withDb([&](Database& db) -> std::optional<UserRecord> {
        Transaction tx(db);
        auto before = selectUser(db, id);
        if (!before) return std::nullopt;
        auto after = *before;
        if (change.role) after.role = *change.role;
        if (change.disabled) after.disabled = *change.disabled;
        refuseLastAdmin(db, *before, isActiveAdmin(after), change.disabled && *change.disabled ? "disabled" : "role");
        after.updatedAt = nowMs();
        db.prepare("UPDATE users SET role = ?, disabled = ?, updated_at = ?, password_hash = COALESCE(?, password_hash) WHERE id = ?")
            .bindAll(roleName(after.role), after.disabled ? 1 : 0, after.updatedAt, hash, id)
            .exec();
        if (hash || after.disabled) db.prepare("DELETE FROM sessions WHERE user_id = ?").bind(1, id).exec();
        // A token must not outlive its owner's access (authenticate() also refuses it meanwhile).
        if (after.disabled && !before->disabled) {
            auto handed = handOverTokens(db, id, change.tokensTo, after.updatedAt);
            if (tokens) *tokens = handed;
        }
        tx.commit();
        return after;
    });
}

bool UserRepository::remove(const std::string& id, const std::optional<std::string>& tokensTo, TokenHandover* tokens) {
    return store_.withDb([&](Database& db) {
        Transaction tx(db);
        auto before = selectUser(db, id);
        if (!before) return false;
        refuseLastAdmin(db, *before, false, "id");
        auto handed = handOverTokens(db, id, tokensTo, nowMs());
        if (tokens) *tokens = handed;
        db.prepare("DELETE FROM users WHERE id = ?").bind(1, id).exec();
        tx.commit();
        return true;
    });
}

void UserRepository::setPendingTotpSecret(const std::string& id, const std::string& secret) {
    auto sealed = box_.seal(secret, totpPlace(id));
    store_.withDb([&](Database& db) {
        db.prepare("UPDATE users SET totp_secret_enc = ?, totp_last_step = NULL, updated_at = ? WHERE id = ? AND totp_enabled = 0")
            .bindAll(sealed, nowMs(), id)
            .exec();
    });
}

std::optional<std::string> UserRepository::totpSecret(const std::string& id) {
    auto sealed = store_.withDb([&](Database& db) -> std::optional<crypto::Bytes> {
        auto st = db.prepare("SELECT totp_secret_enc FROM users WHERE id = ? AND totp_secret_enc IS NOT NULL");
        st.bind(1, id);
        if (!st.step()) return std::nullopt;
        return st.getBlob(0);
    });
    if (!sealed) return std::nullopt;
    return box_.open(*sealed, totpPlace(id));
}

void UserRepository::setTotpEnabled(const std::string& id, bool enabled) {
    store_.withDb([&](Database& db) {
        Transaction tx(db);
        // Disabling forgets the secret and the recovery codes: enabling again needs a fresh setup,
        // and a code printed for the old factor must not pass for the new one.
        db.prepare(enabled ? "UPDATE users SET totp_enabled = 1, updated_at = ? WHERE id = ? AND totp_secret_enc IS NOT NULL"
                           : "UPDATE users SET totp_enabled = 0, totp_secret_enc = NULL, totp_last_step = NULL, "
                             "updated_at = ? WHERE id = ?")
            .bind(1, nowMs())
            .bind(2, id)
            .exec();
        if (!enabled) db.prepare("DELETE FROM user_recovery_codes WHERE user_id = ?").bind(1, id).exec();
        tx.commit();
    });
}

bool UserRepository::consumeTotpStep(const std::string& id, std::int64_t step) {
    return store_.withDb([&](Database& db) {
        return db.prepare("UPDATE users SET totp_last_step = ? WHERE id = ? AND (totp_last_step IS NULL OR totp_last_step < ?)")
                   .bindAll(step, id, step)
                   .exec() > 0;
    });
}

}  // namespace rivetr::store
