// Plain records the repositories read and write: the store's vocabulary shared with api/ and engine/.
#include "store/records.hpp"

namespace rivetr::store {

const char* roleName(Role r) {
    switch (r) {
        case Role::viewer: return "viewer";
        case Role::developer: return "developer";
        case Role::admin: return "admin";
    }
    return "viewer";
}

std::optional<Role> parseRole(std::string_view s) {
    if (s == "viewer") return Role::viewer;
    if (s == "developer") return Role::developer;
    if (s == "admin") return Role::admin;
    return std::nullopt;
}

}  // namespace rivetr::store
