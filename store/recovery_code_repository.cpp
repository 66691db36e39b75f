// A user's single-use recovery codes for their second factor, stored as SHA-256 hashes.
#include "store/recovery_code_repository.hpp"

#include "core/crypto.hpp"

namespace rivetr::store {
namespace {

// Salted with the user id, so one code hashes differently for each user.
std::string codeHash(const std::string& userId, const std::string& code) { return crypto::sha256Hex(userId + ":" + code); }

}  // namespace

void RecoveryCodeRepository::replace(const std::string& userId, const std::vector<std::string>& codes, std::int64_t now) {
    store_.withDb([&](Database& db) {
        Transaction tx(db);
        db.prepare("DELETE FROM user_recovery_codes WHERE user_id = ?").bind(1, userId).exec();
        for (const auto& code : codes) {
            db.prepare("INSERT OR IGNORE INTO user_recovery_codes(user_id, code_hash, created_at) VALUES (?,?,?)")
                .bindAll(userId, codeHash(userId, code), now)
                .exec();
        }
        tx.commit();
    });
}

bool RecoveryCodeRepository::consume(const std::string& userId, const std::string& code, std::int64_t now) {
    return store_.withDb([&](Database& db) {
        return db.prepare("UPDATE user_recovery_codes SET used_at = ? WHERE user_id = ? AND code_hash = ? AND used_at IS NULL")
                   .bindAll(now, userId, codeHash(userId, code))
                   .exec() > 0;
    });
}

int RecoveryCodeRepository::remaining(const std::string& userId) {
    return store_.withDb([&](Database& db) {
        auto st = db.prepare("SELECT COUNT(*) FROM user_recovery_codes WHERE user_id = ? AND used_at IS NULL");
        st.bind(1, userId);
        st.step();
        return static_cast<int>(st.getInt(0));
    });
}

}  // namespace rivetr::store
