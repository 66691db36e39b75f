// Compose's labels read and written in one place: the network and volume sets, a container's label and name, the project query.
#include "stacks/compose_labels.hpp"

namespace rivetr::stacks::labels {

runtime::Labels networkLabels(const std::string& project, const std::string& key) {
    return {{kNetwork, key}, {kProject, project}, {kVersion, kComposeVersion}};
}

runtime::Labels volumeLabels(const std::string& project, const std::string& key) {
    return {{kProject, project}, {kVersion, kComposeVersion}, {kVolume, key}};
}

std::string valueOf(const runtime::ContainerSummary& container, const char* key) {
    auto it = container.labels.find(key);
    return it == container.labels.end() ? "" : it->second;
}

std::string nameOf(const runtime::ContainerSummary& container) {
    return container.names.empty() ? container.name : container.names.front();
}

runtime::ContainerQuery projectQuery(const std::string& project, const std::string& service) {
    runtime::ContainerQuery query;
    query.labels = {{kProject, project}};
    if (!service.empty()) query.labels[kService] = service;
    return query;
}

}  // namespace rivetr::stacks::labels
