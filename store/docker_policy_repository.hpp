// The admin's saved Docker create policy (migration 021): one row that overrides the config file's bind roots.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "store/store.hpp"

namespace rivetr::store {

class DockerPolicyRepository {
public:
    explicit DockerPolicyRepository(Store& store) : store_(store) {}

    // The saved bind roots; nullopt when no admin saved any (the config file's value applies).
    std::optional<std::vector<std::string>> loadBindRoots();
    // Saves `roots` (already validated) as the override; an empty list is an override too.
    void saveBindRoots(const std::vector<std::string>& roots, const std::string& actor);
    // Forgets the override: the config file's value applies again.
    void clear();

private:
    Store& store_;
};

}  // namespace rivetr::store
