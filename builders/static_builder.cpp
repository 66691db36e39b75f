// Serves a static site (index.html at the root or in a publish directory) with a small HTTP server
// from a generated Dockerfile; the server's base image is configurable.
#include "builders/static_builder.hpp"

#include <nlohmann/json.hpp>
#include <regex>

#include "builders/repo_paths.hpp"

namespace rivetr::builders {
namespace {

constexpr const char* kPublishDirs[] = {"dist", "public", "build", "out", "_site", "site"};
constexpr const char* kSiteRoot = "/site";
constexpr const char* kDockerfileName = ".rivetr.static.Dockerfile";

std::string substitute(std::string arg, int port) {
    for (auto [key, value] : {std::pair<std::string, std::string>{"{port}", std::to_string(port)},
                              std::pair<std::string, std::string>{"{root}", kSiteRoot}}) {
        for (auto pos = arg.find(key); pos != std::string::npos; pos = arg.find(key)) arg.replace(pos, key.size(), value);
    }
    return arg;
}

}  // namespace

std::optional<std::string> StaticBuilder::siteDirectory(const std::filesystem::path& repo) {
    if (std::filesystem::is_regular_file(repo / "index.html")) return std::string{};
    for (const char* dir : kPublishDirs) {
        if (std::filesystem::is_regular_file(repo / dir / "index.html")) return std::string(dir);
    }
    return std::nullopt;
}

bool StaticBuilder::detect(const std::filesystem::path& repo) const { return siteDirectory(repo).has_value(); }

BuildPlan StaticBuilder::plan(const std::filesystem::path& repo, const AppBuildSpec& app) const {
    auto context = insideRepo(repo, app.baseDirectory.empty() ? "." : app.baseDirectory, "base_directory");
    std::string site;
    if (!app.publishDirectory.empty()) {
        insideRepo(context, app.publishDirectory, "publish_directory");
        site = app.publishDirectory;
    } else if (auto found = siteDirectory(context)) {
        site = *found;
    } else {
        throw BuildError(BuildErrorKind::NothingToBuild,
                         "no index.html at the root or in dist/, public/, build/, out/, _site/ or site/");
    }
    static const std::regex image("^[A-Za-z0-9][A-Za-z0-9._/:@-]{0,250}$");
    if (!std::regex_match(opts_.baseImage, image))
        throw BuildError(BuildErrorKind::InvalidInput, "invalid static base image '" + opts_.baseImage + "'",
                         "static_base_image");
    if (app.port <= 0 || app.port > 65535)
        throw BuildError(BuildErrorKind::InvalidInput, "invalid port " + std::to_string(app.port), "port");
    nlohmann::json cmd = nlohmann::json::array();
    for (const auto& a : opts_.serverArgv) cmd.push_back(substitute(a, app.port));
    // JSON strings are valid Dockerfile exec-form arguments, so no shell is needed in the image.
    std::string from = site.empty() ? "." : site;
    BuildPlan p;
    p.builder = name();
    p.contextDir = context;
    p.dockerfile = kDockerfileName;
    p.generatedDockerfile = "FROM " + opts_.baseImage + "\n" +
                            "COPY " + nlohmann::json::array({from + "/", std::string(kSiteRoot) + "/"}).dump() + "\n" +
                            "EXPOSE " + std::to_string(app.port) + "\n" +
                            "CMD " + cmd.dump() + "\n";
    p.labels = app.labels;
    return p;
}

}  // namespace rivetr::builders
