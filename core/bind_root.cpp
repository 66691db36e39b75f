// What a bind root must look like: one rule for the config file's list and the list an admin saves.
#include "core/bind_root.hpp"

#include <algorithm>
#include <filesystem>
#include <set>

namespace rivetr {

std::optional<std::string> invalidBindRootPath(const std::string& root) {
    if (root.empty() || root[0] != '/') return "must be an absolute path (got \"" + root + "\")";
    if (std::any_of(root.begin(), root.end(), [](unsigned char c) { return c < 0x20 || c == 0x7f; }))
        return "must not contain control characters";
    if (("/" + root + "/").find("/../") != std::string::npos) return "must not contain .. (got \"" + root + "\")";
    if (root == "/") return "/ would allow binding the whole host";
    std::string normal = std::filesystem::path(root).lexically_normal().string();
    while (normal.size() > 1 && normal.back() == '/') normal.pop_back();  // lexically_normal keeps a trailing "/"
    if (normal != root) return "must be normalised (got \"" + root + "\", write \"" + normal + "\")";
    return std::nullopt;
}

std::optional<std::string> invalidBindRootList(const std::vector<std::string>& roots) {
    std::set<std::string> seen;
    for (const auto& root : roots) {
        if (auto why = invalidBindRootPath(root)) return why;
        if (!seen.insert(root).second) return "\"" + root + "\" is listed twice";
    }
    return std::nullopt;
}

}  // namespace rivetr
