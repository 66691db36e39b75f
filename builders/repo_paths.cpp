// Paths a user names inside a repository (Dockerfile, base or publish directory), held inside it.
#include "builders/repo_paths.hpp"

#include "builders/builder.hpp"

namespace rivetr::builders {

std::filesystem::path insideRepo(const std::filesystem::path& repo, const std::string& relative,
                                 const std::string& field) {
    std::filesystem::path rel(relative);
    auto refuse = [&](const std::string& why) {
        throw BuildError(BuildErrorKind::InvalidInput, field + " '" + relative + "' " + why, field);
    };
    if (relative.find('\0') != std::string::npos) refuse("contains a NUL byte");
    if (rel.is_absolute()) refuse("must be relative to the repository root");
    for (const auto& part : rel) {
        if (part == "..") refuse("must stay inside the repository (no '..')");
    }
    auto root = std::filesystem::weakly_canonical(repo);
    auto full = std::filesystem::weakly_canonical(root / rel);
    auto [r, f] = std::mismatch(root.begin(), root.end(), full.begin(), full.end());
    if (r != root.end()) refuse("leads outside the repository through a symbolic link");
    return full;
}

}  // namespace rivetr::builders
