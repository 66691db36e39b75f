// Builders that hand the whole build to an installed CLI: nixpacks, pack (Cloud Native Buildpacks)
// and railpack. Env values reach them through a 0600 file (or the CLI's environment), never argv.
#include "builders/cli_builders.hpp"

#include <nlohmann/json.hpp>
#include <regex>

#include "builders/repo_paths.hpp"

namespace rivetr::builders {
namespace {

void checkEnvNames(const std::map<std::string, std::string>& env) {
    static const std::regex name("^[A-Za-z_][A-Za-z0-9_]*$");
    for (const auto& [k, v] : env) {
        if (!std::regex_match(k, name))
            throw BuildError(BuildErrorKind::InvalidInput, "invalid build env name '" + k + "'", "env");
    }
}

std::vector<std::string> labelArgs(const std::map<std::string, std::string>& labels) {
    std::vector<std::string> out;
    for (const auto& [k, v] : labels) {
        out.push_back("--label");
        out.push_back(k + "=" + v);
    }
    return out;
}

}  // namespace

const std::vector<std::string>& projectFiles() {
    static const std::vector<std::string> files{"package.json", "requirements.txt", "go.mod",
                                                "Cargo.toml",   "Gemfile",          "composer.json"};
    return files;
}

bool CliBuilder::detect(const std::filesystem::path& repo) const {
    for (const auto& f : projectFiles()) {
        if (std::filesystem::is_regular_file(repo / f)) return true;
    }
    return false;
}

std::filesystem::path CliBuilder::program() const {
    if (auto p = opts_.tools(programName())) return *p;
    throw BuildError(BuildErrorKind::ToolMissing, std::string(programName()) +
                     " is not installed on this server (the " + name() + " build type needs it): " + installHint(),
                     "build_type");
}

std::filesystem::path CliBuilder::validated(const std::filesystem::path& repo, const AppBuildSpec& app) const {
    static const std::regex image("^[a-z0-9][a-z0-9._/-]{0,200}(:[A-Za-z0-9_][A-Za-z0-9._-]{0,127})?$");
    if (!std::regex_match(app.image, image))
        throw BuildError(BuildErrorKind::InvalidInput, "invalid image name '" + app.image + "'", "image");
    checkEnvNames(app.buildEnv);
    auto context = insideRepo(repo, app.baseDirectory.empty() ? "." : app.baseDirectory, "base_directory");
    if (!std::filesystem::is_directory(context))
        throw BuildError(BuildErrorKind::InvalidInput, "base_directory '" + app.baseDirectory + "' is not a directory",
                         "base_directory");
    return context;
}

BuildPlan CliBuilder::basePlan(const std::filesystem::path& context, const AppBuildSpec& app) const {
    BuildPlan p;
    p.builder = name();
    p.contextDir = context;
    p.labels = app.labels;
    p.external.emplace();
    return p;
}

// nixpacks reads variables from a nixpacks.toml given with --config; TOML basic strings accept
// JSON's escapes, so each value is written as a JSON string.
BuildPlan NixpacksBuilder::plan(const std::filesystem::path& repo, const AppBuildSpec& app) const {
    auto exe = program();
    auto context = validated(repo, app);
    std::string toml = "[variables]\n";
    for (const auto& [k, v] : app.buildEnv) toml += k + " = " + nlohmann::json(v).dump() + "\n";
    auto p = basePlan(context, app);
    p.external->envFile = std::make_shared<SecretFile>(opts_.secretsDir, "nixpacks_env", toml);
    p.external->argv = {exe.string(), "build", context.string(), "--name", app.image,
                        "--config", p.external->envFile->path().string()};
    for (auto& a : labelArgs(app.labels)) p.external->argv.push_back(std::move(a));
    return p;
}

const char* NixpacksBuilder::installHint() const {
    return "install nixpacks (https://nixpacks.com/docs/install), or add a Dockerfile to the repository";
}

// pack's --env-file takes KEY=VALUE lines: a value cannot carry a newline.
BuildPlan BuildpacksBuilder::plan(const std::filesystem::path& repo, const AppBuildSpec& app) const {
    auto exe = program();
    auto context = validated(repo, app);
    std::string lines;
    for (const auto& [k, v] : app.buildEnv) {
        if (v.find_first_of("\r\n") != std::string::npos)
            throw BuildError(BuildErrorKind::InvalidInput,
                             "build env " + k + " has a line break, which pack's env file cannot carry", "env");
        lines += k + "=" + v + "\n";
    }
    auto p = basePlan(context, app);
    p.external->envFile = std::make_shared<SecretFile>(opts_.secretsDir, "pack_env", lines);
    p.external->argv = {exe.string(), "build", app.image, "--path", context.string(), "--builder",
                        opts_.packBuilder, "--env-file", p.external->envFile->path().string()};
    return p;
}

const char* BuildpacksBuilder::installHint() const {
    return "install pack, the Cloud Native Buildpacks CLI (https://buildpacks.io/docs/tools/pack/), "
           "or add a Dockerfile to the repository";
}

// railpack has no env-file flag: the names go in a 0600 config file as build secrets and the
// values in the CLI's own environment, which `ps` does not show.
BuildPlan RailpackBuilder::plan(const std::filesystem::path& repo, const AppBuildSpec& app) const {
    auto exe = program();
    auto context = validated(repo, app);
    nlohmann::json config{{"secrets", nlohmann::json::array()}};
    for (const auto& [k, v] : app.buildEnv) config["secrets"].push_back(k);
    auto p = basePlan(context, app);
    p.external->envFile = std::make_shared<SecretFile>(opts_.secretsDir, "railpack_cfg", config.dump());
    p.external->env = app.buildEnv;
    p.external->argv = {exe.string(), "build", context.string(), "--name", app.image,
                        "--config-file", p.external->envFile->path().string()};
    return p;
}

const char* RailpackBuilder::installHint() const {
    return "install railpack (https://railpack.com/installation) with BuildKit, or add a Dockerfile to the repository";
}

}  // namespace rivetr::builders
