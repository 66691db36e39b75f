// The Builder seam: look at a checked-out repository and plan how its image is built. Builders never
// run containers; the runtime builds a Dockerfile plan, the engine runs an external CLI plan.
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "builders/secret_file.hpp"

namespace rivetr::builders {

enum class BuildErrorKind {
    InvalidInput,   // a path escapes the repository, a bad name
    ToolMissing,    // nixpacks / pack / railpack not installed
    NothingToBuild, // no Dockerfile, no known project file, no index.html
};

class BuildError : public std::runtime_error {
public:
    BuildError(BuildErrorKind kind, const std::string& message, std::string field = {})
        : std::runtime_error(message), kind_(kind), field_(std::move(field)) {}
    BuildErrorKind kind() const { return kind_; }
    // The app setting at fault ("dockerfile_path", "build_type"), for the API's error.field.
    const std::string& field() const { return field_; }

private:
    BuildErrorKind kind_;
    std::string field_;
};

// What an app says about building it (from its settings and env).
struct AppBuildSpec {
    std::string appId;
    std::string image;                         // "repo:tag" the plan must produce
    std::string baseDirectory;                 // build context, relative to the root; empty = root
    std::string dockerfilePath = "Dockerfile"; // relative to the build context
    std::string target;                        // Dockerfile stage
    std::string publishDirectory;              // static sites; empty = look for one
    int port = 8080;                           // the port the app listens on
    std::map<std::string, std::string> buildEnv;  // env vars marked build-time (may hold secrets)
    std::map<std::string, std::string> labels;
};

// A build by an external CLI that produces `image` itself (nixpacks, pack, railpack).
struct ExternalBuild {
    std::vector<std::string> argv;            // never holds an env value
    std::map<std::string, std::string> env;   // extra environment for the CLI (railpack's values)
    std::shared_ptr<SecretFile> envFile;      // 0600, removed when the last copy of the plan dies
};

struct BuildPlan {
    std::string builder;                 // "dockerfile", "static", "nixpacks", ...
    std::filesystem::path contextDir;    // absolute
    std::string dockerfile;              // relative to contextDir
    std::string generatedDockerfile;     // non-empty: write it to contextDir/dockerfile before building
    std::map<std::string, std::string> buildArgs;
    std::string target;
    std::map<std::string, std::string> labels;
    std::optional<ExternalBuild> external;  // set: run this instead of a Dockerfile build
};

// Writes a generated Dockerfile into the context (no-op for plans that use the repository's).
void writeGeneratedDockerfile(const BuildPlan& plan);

class Builder {
public:
    virtual ~Builder() = default;
    virtual std::string name() const = 0;
    // Whether this builder recognises the repository.
    virtual bool detect(const std::filesystem::path& repo) const = 0;
    virtual BuildPlan plan(const std::filesystem::path& repo, const AppBuildSpec& app) const = 0;
    // Throws BuildError(ToolMissing) naming what to install; at app creation and before a deploy.
    virtual void checkAvailable() const {}
};

// Finds a program on PATH; injectable so tests can pretend a CLI is (not) installed.
using ToolLocator = std::function<std::optional<std::filesystem::path>(const std::string&)>;
ToolLocator systemTools();

}  // namespace rivetr::builders
