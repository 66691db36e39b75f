// The names and paths a volume-content request may carry, checked before anything reaches the engine.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace rivetr::volumes {

// Docker's rule for volume names (^[a-zA-Z0-9][a-zA-Z0-9_.-]+$, at most 255): `x;touch /tmp/pwn` is
// refused here, before any engine call. Throws ContentError(Invalid, field "name").
void checkVolumeName(std::string_view name);

// A path inside the volume as the client wrote it ("", ".", "a/b", "a//b/", "./a") → its normal form
// relative to the volume's root ("" for the root, "a/b"). Absolute paths, "..", NUL and control
// characters, and more than 4096 characters are refused (ContentError Invalid, field "path"):
// symlinks are resolved by nobody, so the only way out of the volume would be one of those.
std::string normalizeVolumePath(std::string_view path);

// "a//./b/" → {"a", "b"}: a path's components, empty ones and "." dropped ("..", kept, is the caller's to judge).
std::vector<std::string> pathComponents(std::string_view path);

// "/v" or "/v/a/b": where the helper container sees `relative` (a normalizeVolumePath result).
std::string mountedPath(const std::string& relative);

inline constexpr const char* kMountPoint = "/v";

}  // namespace rivetr::volumes
