// Who is calling: the actor recorded in the audit log and the role every route is checked against.
#pragma once

#include <string>

#include "store/records.hpp"

namespace rivetr::api {

struct Principal {
    std::string actorType;  // admin_token | token | user
    std::string name;       // token name or user name; "admin" for the admin token
    store::Role role = store::Role::viewer;
    // The user behind it: the session's user, or the user who owns the token ("" for the admin
    // token and tokens it minted). A token minted by this principal belongs to this user.
    std::string userId = {};
};

}  // namespace rivetr::api
