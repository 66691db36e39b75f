// Builds from the repository's own Dockerfile: path, context directory, build args, target stage.
#pragma once

#include "builders/builder.hpp"

namespace rivetr::builders {

class DockerfileBuilder final : public Builder {
public:
    std::string name() const override { return "dockerfile"; }
    bool detect(const std::filesystem::path& repo) const override;
    BuildPlan plan(const std::filesystem::path& repo, const AppBuildSpec& app) const override;
};

}  // namespace rivetr::builders
