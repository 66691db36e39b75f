// Builders that hand the whole build to an installed CLI: nixpacks, pack (Cloud Native Buildpacks)
// and railpack. Env values reach them through a 0600 file (or the CLI's environment), never argv.
#pragma once

#include "builders/builder.hpp"

namespace rivetr::builders {

struct CliBuilderOptions {
    std::filesystem::path secretsDir;  // where env files are written (outside any build context)
    std::string packBuilder = "paketobuildpacks/builder-jammy-base";
    ToolLocator tools = systemTools();
};

class CliBuilder : public Builder {
public:
    explicit CliBuilder(CliBuilderOptions options) : opts_(std::move(options)) {}
    void checkAvailable() const override { program(); }
    bool detect(const std::filesystem::path& repo) const override;

protected:
    virtual const char* programName() const = 0;
    virtual const char* installHint() const = 0;
    std::filesystem::path program() const;
    // Checks the image name, env names and context shared by all three.
    std::filesystem::path validated(const std::filesystem::path& repo, const AppBuildSpec& app) const;
    BuildPlan basePlan(const std::filesystem::path& context, const AppBuildSpec& app) const;
    CliBuilderOptions opts_;
};

class NixpacksBuilder final : public CliBuilder {
public:
    using CliBuilder::CliBuilder;
    std::string name() const override { return "nixpacks"; }
    BuildPlan plan(const std::filesystem::path& repo, const AppBuildSpec& app) const override;

private:
    const char* programName() const override { return "nixpacks"; }
    const char* installHint() const override;
};

class BuildpacksBuilder final : public CliBuilder {
public:
    using CliBuilder::CliBuilder;
    std::string name() const override { return "buildpacks"; }
    BuildPlan plan(const std::filesystem::path& repo, const AppBuildSpec& app) const override;

private:
    const char* programName() const override { return "pack"; }
    const char* installHint() const override;
};

class RailpackBuilder final : public CliBuilder {
public:
    using CliBuilder::CliBuilder;
    std::string name() const override { return "railpack"; }
    BuildPlan plan(const std::filesystem::path& repo, const AppBuildSpec& app) const override;

private:
    const char* programName() const override { return "railpack"; }
    const char* installHint() const override;
};

// The project files that make a repository a language app rather than a static site.
const std::vector<std::string>& projectFiles();

}  // namespace rivetr::builders
