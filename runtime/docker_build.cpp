// The Docker adapter's image build: the context streamed as tar, the NDJSON progress read as it arrives.
#include <cmath>

#include "runtime/build_context.hpp"
#include "runtime/docker_json.hpp"
#include "runtime/docker_runtime.hpp"
#include "runtime/ndjson_splitter.hpp"

namespace rivetr::runtime {
namespace {

std::string buildQuery(const BuildRequest& r) {
    std::string q = "/build?rm=1&forcerm=1&dockerfile=" + percentEncode(r.dockerfile);
    for (const auto& t : r.tags) q += "&t=" + percentEncode(t);
    if (!r.buildArgs.empty()) q += "&buildargs=" + percentEncode(Json(r.buildArgs).dump());
    if (!r.labels.empty()) q += "&labels=" + percentEncode(Json(r.labels).dump());
    if (!r.target.empty()) q += "&target=" + percentEncode(r.target);
    if (r.noCache) q += "&nocache=1";
    if (r.memoryBytes) q += "&memory=" + std::to_string(*r.memoryBytes);
    if (r.cpus) q += "&cpuperiod=100000&cpuquota=" + std::to_string(std::llround(*r.cpus * 100000));
    return q;
}

void validate(const BuildRequest& r) {
    auto df = std::filesystem::path(r.dockerfile).lexically_normal().generic_string();
    if (r.dockerfile.empty() || df.rfind("..", 0) == 0 || df[0] == '/')
        throw RuntimeError(ErrorKind::InvalidArgument, "dockerfile must be a path inside the context: '" + r.dockerfile + "'");
    for (const auto& t : r.tags)
        if (t.empty() || t.find_first_of(" \t\n\"'") != std::string::npos)
            throw RuntimeError(ErrorKind::InvalidArgument, "invalid image tag: '" + t + "'");
    if (r.memoryBytes && *r.memoryBytes < 6 * 1024 * 1024) throw RuntimeError(ErrorKind::InvalidArgument, "build memory limit below 6 MiB");
    if (r.cpus && !(*r.cpus > 0)) throw RuntimeError(ErrorKind::InvalidArgument, "build cpu limit must be positive");
}

// Reads one progress line: output for the caller, the image id, or the daemon's error.
struct BuildProgress {
    const BuildRequest& request;
    std::string imageId, error;

    void line(std::string_view text) {
        auto j = Json::parse(text, nullptr, false);
        if (!j.is_object()) return;
        if (j.contains("error")) {
            error = j["error"].is_string() ? j["error"].get<std::string>() : j["error"].dump();
        } else if (j.contains("aux") && j["aux"].is_object() && j["aux"].contains("ID")) {
            imageId = j["aux"].value("ID", "");
        } else if (j.contains("stream") && j["stream"].is_string()) {
            report(j["stream"].get<std::string>());
        } else if (j.contains("status") && j["status"].is_string()) {
            report(j["status"].get<std::string>());
        }
    }
    void report(std::string s) {
        const std::string marker = "Successfully built ";
        if (s.rfind(marker, 0) == 0 && imageId.empty()) imageId = s.substr(marker.size(), s.find_first_of("\r\n") - marker.size());
        while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
        if (!s.empty() && request.onProgress) request.onProgress(s);
    }
};

// Docker's classic builder reuses cached layers by id; when another image's removal prunes such a
// layer during the build, the export fails with "unknown parent image ID", or the next step with
// "No such image: sha256:<the layer>" or "failed to get digest sha256:<the layer>: open
// .../imagedb/content/sha256/...: no such file" (all three seen in CI with builds and removals in
// parallel, as two apps deploying while a third's old image is cleaned up). Nothing was wrong with the app: build
// again once, without the cache, so no other removed layer can be picked up.
bool lostCachedLayer(const RuntimeError& e) {
    if (e.kind() != ErrorKind::BuildFailed) return false;
    const std::string_view what = e.what();
    return what.find("unknown parent image ID") != std::string_view::npos ||
           what.find("No such image: sha256:") != std::string_view::npos ||
           what.find("failed to get digest sha256:") != std::string_view::npos;
}

}  // namespace

BuildResult DockerRuntime::build(const BuildRequest& request) {
    try {
        return buildOnce(request);
    } catch (const RuntimeError& e) {
        if (!lostCachedLayer(e) || request.noCache) throw;
        if (request.onProgress) request.onProgress("a cached layer was removed during the build; building again without the cache");
        auto again = request;
        again.noCache = true;
        return buildOnce(again);
    }
}

BuildResult DockerRuntime::buildOnce(const BuildRequest& request) {
    validate(request);
    BuildContextStream tar(request.contextDir, request.dockerfile);
    DockerClient::Upload upload = [&](char* out, std::size_t max) { return tar.read(out, max); };
    BuildProgress progress{request, {}, {}};
    NdjsonSplitter splitter;
    auto onLine = [&](std::string_view l) { progress.line(l); };
    HttpReply r = client_.stream("POST", buildQuery(request), std::nullopt, &upload, "application/x-tar",
                                 [&](std::string_view d) { splitter.feed(d, onLine); }, request.cancel);
    splitter.finish(onLine);
    if (r.status >= 400) {
        RuntimeError e = errorFromReply(r);
        bool keep = e.kind() == ErrorKind::OutOfDisk || e.kind() == ErrorKind::DaemonUnavailable;
        throw RuntimeError(keep ? e.kind() : ErrorKind::BuildFailed, e.daemonMessage(), e.httpStatus());
    }
    if (!progress.error.empty()) {
        bool disk = progress.error.find("no space left on device") != std::string::npos;
        throw RuntimeError(disk ? ErrorKind::OutOfDisk : ErrorKind::BuildFailed, progress.error, static_cast<int>(r.status));
    }
    if (progress.imageId.empty() && !request.tags.empty()) progress.imageId = inspectImage(request.tags.front()).id;
    if (progress.imageId.empty()) throw RuntimeError(ErrorKind::BuildFailed, "the engine reported no image id");
    return {progress.imageId, tar.bytesProduced()};
}

}  // namespace rivetr::runtime
