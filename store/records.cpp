// Plain records the repositories read and write: the store's vocabulary shared with api/ and engine/.
#include "store/records.hpp"

#include "core/enum_names.hpp"

namespace rivetr::store {
namespace {

constexpr EnumName<Role> kRoles[] = {{Role::viewer, "viewer"}, {Role::developer, "developer"}, {Role::admin, "admin"}};

}  // namespace

const char* roleName(Role r) { return nameOf(r, kRoles, "viewer"); }

std::optional<Role> parseRole(std::string_view s) { return valueOf(s, kRoles); }

}  // namespace rivetr::store
