// Where Podman's Docker-compatible API differs from Docker's: every difference the adapter knows, in one place.
#pragma once

#include <string>

#include "runtime/runtime_types.hpp"

namespace rivetr::runtime {

struct EngineDialect {
    EngineKind kind = EngineKind::Docker;
    // Podman writes container logs with its k8s-file driver and rotates by size only (max-file is
    // accepted and ignored; its compat inspect shows "json-file" without options either way).
    std::string logDriver = "json-file";
    bool logMaxFiles = true;
    // Podman 4.3 returns no images at all for a filter with more than one label (Docker ANDs them), so
    // the adapter sends one label and filters the rest itself, and prunes by listing and removing.
    bool imageLabelFiltersAnd = true;
    // Podman's compat API rejects "sha256:<hex>" in image paths ("repository name must have at least
    // one component"); the bare hex id works on both engines.
    bool imagePathsTakePrefixedIds = true;

    std::string imagePathRef(const std::string& ref) const;

    // From the /version reply's component names ("Podman Engine") or the platform name.
    static EngineDialect detect(const std::string& versionReplyJson);
    static EngineDialect forKind(EngineKind kind);
};

}  // namespace rivetr::runtime
