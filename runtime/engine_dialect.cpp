// Where Podman's Docker-compatible API differs from Docker's: every difference the adapter knows, in one place.
#include "runtime/engine_dialect.hpp"

#include <nlohmann/json.hpp>

namespace rivetr::runtime {

EngineDialect EngineDialect::forKind(EngineKind kind) {
    EngineDialect d;
    d.kind = kind;
    if (kind == EngineKind::Podman) {
        d.logDriver = "k8s-file";
        d.logMaxFiles = false;
        d.imageLabelFiltersAnd = false;
        d.imagePathsTakePrefixedIds = false;
    }
    return d;
}

std::string EngineDialect::imagePathRef(const std::string& ref) const {
    const std::string prefix = "sha256:";
    if (!imagePathsTakePrefixedIds && ref.rfind(prefix, 0) == 0) return ref.substr(prefix.size());
    return ref;
}

EngineDialect EngineDialect::detect(const std::string& versionReplyJson) {
    auto j = nlohmann::json::parse(versionReplyJson, nullptr, false);
    if (j.is_object() && j.contains("Components") && j["Components"].is_array()) {
        for (const auto& c : j["Components"])
            if (c.value("Name", "").find("Podman") != std::string::npos) return forKind(EngineKind::Podman);
    }
    if (j.is_object() && j.contains("Platform") && j["Platform"].value("Name", "").find("Podman") != std::string::npos)
        return forKind(EngineKind::Podman);
    return forKind(EngineKind::Docker);
}

}  // namespace rivetr::runtime
