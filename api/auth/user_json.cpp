// How a user looks over the API: never its password hash or TOTP secret.
#include "api/auth/user_json.hpp"

#include "core/clock.hpp"

namespace rivetr::api {

nlohmann::json userToJson(const store::UserRecord& u) {
    return {{"id", u.id},
            {"username", u.username},
            {"role", store::roleName(u.role)},
            {"disabled", u.disabled},
            {"totp_enabled", u.totpEnabled},
            {"created_at", formatRfc3339(u.createdAt)},
            {"updated_at", formatRfc3339(u.updatedAt)}};
}

}  // namespace rivetr::api
