// What a bind root (a host directory under which containers may bind-mount) must look like: one rule for the
// config file's [docker] allowed_bind_roots and for the list an admin saves through the API.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace rivetr {

// Why `root` cannot be a bind root, or nothing: it must be absolute, normalised ("/srv/data", not
// "/srv//data/" or "/srv/x/.."), free of control characters, and not "/" (the whole host).
std::optional<std::string> invalidBindRootPath(const std::string& root);

// The same for a list, which also must not name a root twice.
std::optional<std::string> invalidBindRootList(const std::vector<std::string>& roots);

}  // namespace rivetr
