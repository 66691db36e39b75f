// Picks the builder for an app: its build_type, or auto-detection from the repository's files.
#include "builders/registry.hpp"

#include "builders/dockerfile_builder.hpp"
#include "builders/repo_paths.hpp"

namespace rivetr::builders {
namespace {

const char* language(const std::string& file) {
    if (file == "package.json") return "Node.js";
    if (file == "requirements.txt") return "Python";
    if (file == "go.mod") return "Go";
    if (file == "Cargo.toml") return "Rust";
    if (file == "Gemfile") return "Ruby";
    if (file == "composer.json") return "PHP";
    return "language";
}

}  // namespace

BuilderRegistry::BuilderRegistry(BuildersOptions o) {
    if (o.cli.secretsDir.empty()) o.cli.secretsDir = std::filesystem::temp_directory_path() / "rivetr-build-env";
    builders_.push_back(std::make_unique<DockerfileBuilder>());
    builders_.push_back(std::make_unique<StaticBuilder>(o.staticSite));
    builders_.push_back(std::make_unique<NixpacksBuilder>(o.cli));
    builders_.push_back(std::make_unique<BuildpacksBuilder>(o.cli));
    builders_.push_back(std::make_unique<RailpackBuilder>(o.cli));
}

const std::vector<std::string>& BuilderRegistry::buildTypes() {
    static const std::vector<std::string> types{"auto", "dockerfile", "static", "nixpacks", "buildpacks", "railpack"};
    return types;
}

const Builder& BuilderRegistry::byName(const std::string& name) const {
    for (const auto& b : builders_) {
        if (b->name() == name) return *b;
    }
    throw BuildError(BuildErrorKind::InvalidInput,
                     "unknown build type '" + name + "' (auto, dockerfile, static, nixpacks, buildpacks, railpack)",
                     "build_type");
}

bool BuilderRegistry::installed(const Builder& b) const {
    try {
        b.checkAvailable();
        return true;
    } catch (const BuildError&) {
        return false;
    }
}

Detection BuilderRegistry::detect(const std::filesystem::path& repo) const {
    if (byName("dockerfile").detect(repo)) return {"dockerfile", "Dockerfile at the repository root"};
    for (const auto& file : projectFiles()) {
        if (!std::filesystem::is_regular_file(repo / file)) continue;
        std::string why = file + " (" + language(file) + ")";
        if (installed(byName("nixpacks"))) return {"nixpacks", why};
        if (installed(byName("buildpacks"))) return {"buildpacks", why};
        throw BuildError(BuildErrorKind::ToolMissing,
                         "this looks like a " + std::string(language(file)) + " app (" + file +
                             ") and building it needs nixpacks or pack (Cloud Native Buildpacks), and neither is "
                             "installed on this server: install one of them, or add a Dockerfile to the repository",
                         "build_type");
    }
    if (auto site = StaticBuilder::siteDirectory(repo))
        return {"static", site->empty() ? "index.html at the root" : "index.html in " + *site + "/"};
    throw BuildError(BuildErrorKind::NothingToBuild,
                     "nothing to build: no Dockerfile, no package.json, requirements.txt, go.mod, Cargo.toml, "
                     "Gemfile or composer.json, and no index.html at the root or in dist/, public/ or build/");
}

void BuilderRegistry::checkAvailable(const std::string& buildType) const {
    if (buildType.empty() || buildType == "auto") return;
    byName(buildType).checkAvailable();
}

BuildPlan BuilderRegistry::plan(const std::filesystem::path& repo, const AppBuildSpec& app,
                                const std::string& buildType) const {
    bool automatic = buildType.empty() || buildType == "auto";
    std::string name = automatic ? detect(insideRepo(repo, app.baseDirectory.empty() ? "." : app.baseDirectory,
                                                     "base_directory")).builder
                                 : buildType;
    const auto& builder = byName(name);
    builder.checkAvailable();
    return builder.plan(repo, app);
}

}  // namespace rivetr::builders
