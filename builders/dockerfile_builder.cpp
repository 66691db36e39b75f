// Builds from the repository's own Dockerfile: path, context directory, build args, target stage.
#include "builders/dockerfile_builder.hpp"

#include <regex>

#include "builders/repo_paths.hpp"

namespace rivetr::builders {

bool DockerfileBuilder::detect(const std::filesystem::path& repo) const {
    return std::filesystem::is_regular_file(repo / "Dockerfile");
}

BuildPlan DockerfileBuilder::plan(const std::filesystem::path& repo, const AppBuildSpec& app) const {
    static const std::regex stage("^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$");
    auto context = insideRepo(repo, app.baseDirectory.empty() ? "." : app.baseDirectory, "base_directory");
    if (!std::filesystem::is_directory(context))
        throw BuildError(BuildErrorKind::InvalidInput, "base_directory '" + app.baseDirectory + "' is not a directory "
                         "in the repository", "base_directory");
    // Relative to the build context, so a Dockerfile outside what Docker receives cannot be named.
    auto dockerfile = insideRepo(context, app.dockerfilePath.empty() ? "Dockerfile" : app.dockerfilePath,
                                 "dockerfile_path");
    if (!std::filesystem::is_regular_file(dockerfile))
        throw BuildError(BuildErrorKind::NothingToBuild, "no Dockerfile at '" + app.dockerfilePath + "' in the build "
                         "context", "dockerfile_path");
    auto rel = std::filesystem::relative(dockerfile, context);
    if (!app.target.empty() && !std::regex_match(app.target, stage))
        throw BuildError(BuildErrorKind::InvalidInput, "invalid build target '" + app.target + "'", "target");
    BuildPlan p;
    p.builder = name();
    p.contextDir = context;
    p.dockerfile = rel.string();
    p.buildArgs = app.buildEnv;
    p.target = app.target;
    p.labels = app.labels;
    return p;
}

}  // namespace rivetr::builders
