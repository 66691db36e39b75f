// Dashboard users: Argon2id password hashes, roles, disabling, the last-admin rule and TOTP state.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "store/password_hasher.hpp"
#include "store/records.hpp"
#include "store/secret_box.hpp"
#include "store/store.hpp"
#include "store/token_repository.hpp"

namespace rivetr::store {

// What may be shown about a user; the password hash and TOTP secret never leave the repository.
struct UserRecord {
    std::string id;
    std::string username;
    Role role = Role::viewer;
    bool disabled = false;
    bool totpEnabled = false;
    std::int64_t createdAt = 0;
    std::int64_t updatedAt = 0;
};

struct UserChange {
    std::optional<Role> role;
    std::optional<std::string> password;
    std::optional<bool> disabled;
    // Disabling: the user whose live API tokens are handed over; none revokes them.
    std::optional<std::string> tokensTo = {};
};

class UserRepository {
public:
    UserRepository(Store& store, SecretBox box, const PasswordHasher& hasher)
        : store_(store), box_(std::move(box)), hasher_(hasher) {}

    // Throws ConflictError("username") when the name is taken (names compare case-insensitively).
    UserRecord create(const std::string& username, const std::string& password, Role role);
    // The user when the name exists, is not disabled and the password matches. Unknown names
    // cost one dummy hash, so the time taken does not say whether the name exists.
    std::optional<UserRecord> checkPassword(const std::string& username, const std::string& password);
    std::optional<UserRecord> get(const std::string& id);
    std::vector<UserRecord> list();
    // nullopt when no such user. Throws ConflictError when the change would leave no enabled admin.
    // A new password or disabling ends the user's sessions; disabling also revokes (or hands over)
    // the API tokens they own, reported in `tokens`.
    std::optional<UserRecord> update(const std::string& id, const UserChange& change, TokenHandover* tokens = nullptr);
    // false when no such user; throws ConflictError for the last enabled admin. The user's live API
    // tokens go to `tokensTo`, or are revoked (and then deleted with the user).
    bool remove(const std::string& id, const std::optional<std::string>& tokensTo = std::nullopt,
                TokenHandover* tokens = nullptr);

    // TOTP: a secret is stored at setup and only takes effect once enabled.
    void setPendingTotpSecret(const std::string& id, const std::string& secret);
    std::optional<std::string> totpSecret(const std::string& id);
    // Turning it off also deletes the user's recovery codes (RecoveryCodeRepository).
    void setTotpEnabled(const std::string& id, bool enabled);
    // Accepts a time step once: false when this step (or a later one) was already used.
    bool consumeTotpStep(const std::string& id, std::int64_t step);

private:
    Store& store_;
    SecretBox box_;
    const PasswordHasher& hasher_;
};

}  // namespace rivetr::store
