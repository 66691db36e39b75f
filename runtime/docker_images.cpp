// The Docker adapter's image operations for the Docker manager: every image, pull with progress, history, disk usage.
#include "runtime/docker_json.hpp"
#include "runtime/docker_runtime.hpp"
#include "runtime/image_reference.hpp"
#include "runtime/ndjson_splitter.hpp"
#include "runtime/pull_progress.hpp"

namespace rivetr::runtime {

std::vector<ImageInfo> DockerRuntime::listAllImages() {
    std::vector<ImageInfo> out;
    Json list = expectOk("GET", "/images/json");
    if (list.is_array())
        for (const auto& i : list) out.push_back(parseImage(i));
    return out;
}

PullResult DockerRuntime::pullImage(const PullRequest& request) {
    PullReference target = parsePullReference(request.image);
    PullProgressReader reader(request.onProgress);
    NdjsonSplitter splitter;
    auto onLine = [&](std::string_view l) { reader.line(l); };
    std::vector<std::string> headers;
    if (!request.registryAuth.empty()) headers.push_back("X-Registry-Auth: " + request.registryAuth);
    std::string path = "/images/create?fromImage=" + percentEncode(target.repository) + "&tag=" + percentEncode(target.tag);
    HttpReply r = client_.stream("POST", path, std::nullopt, nullptr, "application/json",
                                 [&](std::string_view d) { splitter.feed(d, onLine); }, request.cancel, headers);
    splitter.finish(onLine);
    if (r.status >= 400) throw errorFromReply(r, ObjectKind::Image);
    if (!reader.error().empty()) throw pullError(reader.error());
    PullResult result{target.str(), "", reader.digest(), reader.lastStatus()};
    result.imageId = inspectImage(result.reference).id;
    return result;
}

std::vector<ImageLayer> DockerRuntime::imageHistory(const std::string& ref) {
    std::vector<ImageLayer> out;
    Json list = expectOk("GET", "/images/" + dialect_.imagePathRef(checkedImageRef(ref)) + "/history", std::nullopt, ObjectKind::Image);
    if (list.is_array())
        for (const auto& l : list) out.push_back(parseImageLayer(l));
    return out;
}

DiskUsage DockerRuntime::diskUsage() {
    // The engine measures every layer and volume: on a big host this takes longer than a control call.
    return parseDiskUsage(expectOk("GET", "/system/df", std::nullopt, ObjectKind::Other, std::chrono::minutes(2)));
}

}  // namespace rivetr::runtime
