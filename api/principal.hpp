// Who is calling: the actor recorded in the audit log and the role every route is checked against.
#pragma once

#include <string>

#include "store/records.hpp"

namespace rivetr::api {

struct Principal {
    std::string actorType;  // admin_token | token | user
    std::string name;       // token name or user name; "admin" for the admin token
    store::Role role = store::Role::viewer;
};

}  // namespace rivetr::api
