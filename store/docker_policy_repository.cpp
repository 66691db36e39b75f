// The admin's saved Docker create policy: one row, the bind roots one per line.
#include "store/docker_policy_repository.hpp"

#include <sstream>

#include "core/clock.hpp"

namespace rivetr::store {

std::optional<std::vector<std::string>> DockerPolicyRepository::loadBindRoots() {
    return store_.withDb([&](Database& db) -> std::optional<std::vector<std::string>> {
        auto st = db.prepare("SELECT allowed_bind_roots FROM docker_policy WHERE id = 1");
        if (!st.step()) return std::nullopt;
        std::vector<std::string> roots;
        std::istringstream lines(st.getText(0));
        for (std::string line; std::getline(lines, line);)
            if (!line.empty()) roots.push_back(line);
        return roots;
    });
}

void DockerPolicyRepository::saveBindRoots(const std::vector<std::string>& roots, const std::string& actor) {
    std::string joined;
    for (const auto& r : roots) joined += r + "\n";
    store_.withDb([&](Database& db) {
        db.prepare("INSERT INTO docker_policy(id, allowed_bind_roots, updated_at, updated_by) VALUES (1, ?, ?, ?) "
                   "ON CONFLICT(id) DO UPDATE SET allowed_bind_roots = excluded.allowed_bind_roots, "
                   "updated_at = excluded.updated_at, updated_by = excluded.updated_by")
            .bind(1, joined)
            .bind(2, nowMs())
            .bind(3, actor)
            .exec();
    });
}

void DockerPolicyRepository::clear() {
    store_.withDb([&](Database& db) { db.prepare("DELETE FROM docker_policy").exec(); });
}

}  // namespace rivetr::store
