// Paths a user names inside a repository (Dockerfile, base or publish directory), held inside it.
#pragma once

#include <filesystem>
#include <string>

namespace rivetr::builders {

// `repo / relative`, refusing absolute paths, `..` and symlinks that lead outside `repo`.
// Throws BuildError(InvalidInput) with `field` naming the setting.
std::filesystem::path insideRepo(const std::filesystem::path& repo, const std::string& relative,
                                 const std::string& field);

}  // namespace rivetr::builders
