// Kahn's algorithm by levels: a level is what can start once everything before it has.
#include "stacks/dependency_order.hpp"

#include <set>
#include <stdexcept>

namespace rivetr::stacks {

std::vector<std::vector<std::string>> dependencyLevels(const std::map<std::string, std::vector<std::string>>& dependsOn) {
    std::set<std::string> placed;
    std::vector<std::vector<std::string>> levels;
    while (placed.size() < dependsOn.size()) {
        std::vector<std::string> level;
        for (const auto& [service, deps] : dependsOn) {
            if (placed.count(service)) continue;
            bool ready = true;
            for (const auto& d : deps) ready = ready && (placed.count(d) || !dependsOn.count(d));
            if (ready) level.push_back(service);
        }
        if (level.empty()) {
            for (const auto& [service, deps] : dependsOn)
                if (!placed.count(service)) throw std::invalid_argument("dependency cycle through service \"" + service + "\"");
        }
        placed.insert(level.begin(), level.end());
        levels.push_back(std::move(level));
    }
    return levels;
}

std::vector<std::string> servicesInDependsOnLabel(const std::string& label) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start < label.size()) {
        auto comma = label.find(',', start);
        std::string entry = label.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        std::string service = entry.substr(0, entry.find(':'));
        if (!service.empty()) out.push_back(service);
        if (comma == std::string::npos) break;
        start = comma + 1;
    }
    return out;
}

}  // namespace rivetr::stacks
