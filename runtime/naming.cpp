// The one place that names and labels what Rivetr creates in the engine: from ids, never from app names.
#include "runtime/naming.hpp"

#include "core/ids.hpp"
#include "runtime/runtime_error.hpp"

namespace rivetr::runtime {
namespace {

std::string checked(std::string_view id, const char* what) {
    if (!isSafeId(id)) throw RuntimeError(ErrorKind::InvalidArgument, std::string("invalid ") + what + " id: '" + std::string(id) + "'");
    return std::string(id);
}

bool validKey(std::string_view key) {
    if (key.empty() || key.size() > 63) return false;
    for (std::size_t i = 0; i < key.size(); ++i) {
        char c = key[i];
        bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (i > 0 && (c == '_' || c == '-'));
        if (!ok) return false;
    }
    return true;
}

}  // namespace

Labels rivetrLabels(std::string_view appId, std::string_view deploymentId) {
    Labels l{{kManagedLabel, "true"}};
    if (!appId.empty()) l[kAppLabel] = checked(appId, "app");
    if (!deploymentId.empty()) l[kDeploymentLabel] = checked(deploymentId, "deployment");
    return l;
}

LabelFilter rivetrFilter(std::string_view appId, std::string_view deploymentId) {
    return rivetrLabels(appId, deploymentId);
}

std::string containerName(std::string_view appId, std::string_view deploymentId) {
    return "rivetr-" + checked(appId, "app") + "-" + checked(deploymentId, "deployment");
}

std::string imageRef(std::string_view appId, std::string_view deploymentId) {
    return "rivetr/" + checked(appId, "app") + ":" + checked(deploymentId, "deployment");
}

std::string volumeName(std::string_view appId, std::string_view key) {
    if (!validKey(key)) throw RuntimeError(ErrorKind::InvalidArgument, "invalid volume key: '" + std::string(key) + "'");
    return "rivetr-" + checked(appId, "app") + "-" + std::string(key);
}

std::string networkName(std::string_view id) { return "rivetr-" + checked(id, "network"); }

}  // namespace rivetr::runtime
