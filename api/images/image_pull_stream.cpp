// POST /api/images/pull: a pull's progress as SSE `progress` events, ending with `done` (the image) or `error`.
#include "api/images/image_pull_stream.hpp"

#include "api/http/blocking_stream.hpp"
#include "api/docker_host/engine_failure.hpp"
#include "api/images/image_json.hpp"

namespace rivetr::api {

std::shared_ptr<StreamProducer> imagePullStream(std::shared_ptr<runtime::ContainerRuntime> rt, std::string host,
                                                runtime::PullRequest request) {
    runtime::CancelToken cancel;
    request.cancel = cancel;
    auto job = [rt = std::move(rt), host = std::move(host), request](BlockingStream::Sink& sink) mutable {
        std::int64_t nextId = 1;
        auto post = [&](const char* name, const nlohmann::json& data) {
            sink.post(name, std::to_string(nextId++), data.dump());
        };
        request.onProgress = [&](const runtime::PullProgress& p) { post("progress", pullProgressJson(p)); };
        try {
            post("done", pullResultJson(rt->pullImage(request)));
        } catch (const runtime::RuntimeError& e) {
            // The same error body a refused request gets: {"error": {"code", "message"}}.
            if (e.kind() != runtime::ErrorKind::Cancelled)
                post("error", nlohmann::json::parse(engineFailure(e, host, "image").body));
        }
    };
    return std::make_shared<BlockingStream>(std::move(job), [cancel] { cancel.cancel(); });
}

}  // namespace rivetr::api
