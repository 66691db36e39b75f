// Picks the builder for an app: its build_type, or auto-detection from the repository's files.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "builders/cli_builders.hpp"
#include "builders/static_builder.hpp"

namespace rivetr::builders {

struct BuildersOptions {
    StaticOptions staticSite;
    CliBuilderOptions cli;
};

struct Detection {
    std::string builder;  // dockerfile | static | nixpacks | buildpacks
    std::string reason;   // "Dockerfile at the root", "package.json (Node.js)", ...
};

class BuilderRegistry {
public:
    explicit BuilderRegistry(BuildersOptions options);

    // Dockerfile -> dockerfile; a project file -> nixpacks if installed, else buildpacks if installed;
    // index.html (root or publish dir) -> static. Throws BuildError naming what is missing.
    Detection detect(const std::filesystem::path& repo) const;
    // At app creation: an unknown build type or a CLI that is not installed is an error now.
    void checkAvailable(const std::string& buildType) const;
    // buildType "auto" (or empty) detects in the app's base directory; otherwise that builder,
    // which must be available.
    BuildPlan plan(const std::filesystem::path& repo, const AppBuildSpec& app, const std::string& buildType) const;

    static const std::vector<std::string>& buildTypes();

private:
    const Builder& byName(const std::string& name) const;
    bool installed(const Builder& b) const;

    std::vector<std::unique_ptr<Builder>> builders_;
};

}  // namespace rivetr::builders
