// Repository detection for the new-app wizard: one shallow look with the same Source and builders a deployment uses.
#include "engine/repository_detector.hpp"

#include <regex>

#include "core/at_exit.hpp"
#include "core/crypto.hpp"
#include "core/ids.hpp"
#include "core/text.hpp"

namespace rivetr::engine {
namespace {

}  // namespace

std::optional<int> exposedPort(const std::string& dockerfile) {
    static const std::regex expose(R"((?:^|\n)[ \t]*EXPOSE[ \t]+([0-9]{1,5})(?:/(?:tcp|udp))?)", std::regex::icase);
    std::smatch m;
    if (!std::regex_search(dockerfile, m, expose)) return std::nullopt;
    int port = std::stoi(m[1].str());
    if (port < 1 || port > 65535) return std::nullopt;
    return port;
}

DetectResult detectRepository(git::Source& source, const builders::BuilderRegistry& builders, const DetectRequest& request) {
    git::FetchRequest fetch;
    fetch.appId = newId("detect");  // its own cache: a wizard never touches an app's
    fetch.url = request.gitUrl;
    fetch.auth = request.auth;
    fetch.ref = request.branch;
    fetch.submodules = false;  // deciding the builder needs the top-level files only
    fetch.deadline = std::chrono::seconds(60);
    fetch.stallTimeout = std::chrono::seconds(20);
    // The throwaway cache goes on every way out. Best effort: a leftover is removed with the data dir, never served.
    AtExit forget{[&] {
        try {
            source.forget(fetch.appId);
        } catch (...) {
        }
    }};
    auto checkout = source.checkout(fetch);

    DetectResult result;
    result.commit = checkout.sha;
    auto dir = checkout.dir.path() / request.baseDir;
    try {
        auto d = builders.detect(dir);
        result.buildType = d.builder;
        result.reason = d.reason;
    } catch (const builders::BuildError& e) {
        result.reason = e.what();  // the wizard shows it and lets the user choose
    }
    if (result.buildType == "dockerfile") result.port = exposedPort(readWholeFile(dir / "Dockerfile").value_or(""));
    return result;
}

}  // namespace rivetr::engine
