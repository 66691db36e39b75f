// What a terminal request may choose: a shell from a short allow-list and a user name or uid, nothing else.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace rivetr::terminal {

// The shells a terminal may run, in the order `auto` tries them. The client never supplies argv:
// the exec runs exactly one of these with no arguments.
const std::vector<std::string>& allowedShells();

// The shells to try for a `shell` query value: "" or "auto" → every allowed shell in order; an allowed
// path → just that one; anything else → nullopt (a 400).
std::optional<std::vector<std::string>> shellCandidates(const std::string& requested);

// `^[a-z_][a-z0-9_-]*$` (a user name) or `^\d+(:\d+)?$` (uid[:gid]), at most 32 characters; "" is
// allowed and means the container's own user.
bool validExecUser(const std::string& user);

}  // namespace rivetr::terminal
