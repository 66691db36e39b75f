// Serves a static site (index.html at the root or in a publish directory) with a small HTTP server
// from a generated Dockerfile; the server's base image is configurable.
#pragma once

#include <optional>
#include <vector>

#include "builders/builder.hpp"

namespace rivetr::builders {

struct StaticOptions {
    std::string baseImage = "busybox:stable";
    // The server's argv in the image; "{port}" becomes the app's port, "{root}" the site directory.
    std::vector<std::string> serverArgv{"httpd", "-f", "-p", "{port}", "-h", "{root}"};
};

class StaticBuilder final : public Builder {
public:
    explicit StaticBuilder(StaticOptions options = {}) : opts_(std::move(options)) {}
    std::string name() const override { return "static"; }
    bool detect(const std::filesystem::path& repo) const override;
    BuildPlan plan(const std::filesystem::path& repo, const AppBuildSpec& app) const override;

    // Where index.html lives: "" for the root, else the first publish directory that has one.
    static std::optional<std::string> siteDirectory(const std::filesystem::path& repo);

private:
    StaticOptions opts_;
};

}  // namespace rivetr::builders
