// How a user looks over the API: never its password hash or TOTP secret.
#pragma once

#include <nlohmann/json.hpp>

#include "store/user_repository.hpp"

namespace rivetr::api {

nlohmann::json userToJson(const store::UserRecord& u);

}  // namespace rivetr::api
