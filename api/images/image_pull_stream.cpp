// POST /api/images/pull: a pull's progress as SSE `progress` events, ending with `done` (the image) or `error`.
#include "api/images/image_pull_stream.hpp"

#include <deque>
#include <mutex>
#include <thread>

#include "api/images/engine_failure.hpp"
#include "api/images/image_json.hpp"

namespace rivetr::api {

struct ImagePullStream::Shared {
    std::mutex mutex;
    std::deque<std::pair<std::string, std::string>> events;  // name, JSON data
    bool finished = false;
    runtime::CancelToken cancel;

    void push(std::string name, const nlohmann::json& data) {
        std::lock_guard lock(mutex);
        events.emplace_back(std::move(name), data.dump());
    }
};

ImagePullStream::ImagePullStream(std::shared_ptr<runtime::ContainerRuntime> rt, std::string host, runtime::PullRequest request)
    : rt_(std::move(rt)), host_(std::move(host)), request_(std::move(request)), shared_(std::make_shared<Shared>()) {}

ImagePullStream::~ImagePullStream() { shared_->cancel.cancel(); }

void ImagePullStream::begin(Wake wake) {
    auto request = request_;
    request.cancel = shared_->cancel;
    std::thread([rt = rt_, host = host_, request, shared = shared_, wake]() mutable {
        request.onProgress = [&](const runtime::PullProgress& p) {
            shared->push("progress", pullProgressJson(p));
            wake();
        };
        try {
            shared->push("done", pullResultJson(rt->pullImage(request)));
        } catch (const runtime::RuntimeError& e) {
            // The same error body a refused request gets: {"error": {"code", "message"}}.
            if (e.kind() != runtime::ErrorKind::Cancelled) shared->push("error", nlohmann::json::parse(engineFailure(e, host, "image").body));
        }
        {
            std::lock_guard lock(shared->mutex);
            shared->finished = true;
        }
        wake();
    }).detach();
}

bool ImagePullStream::pump(SseStream& out) {
    std::deque<std::pair<std::string, std::string>> events;
    bool finished;
    {
        std::lock_guard lock(shared_->mutex);
        events.swap(shared_->events);
        finished = shared_->finished;
    }
    for (const auto& [name, data] : events)
        if (!out.event(name, nextId_++, data)) return false;
    return !finished;
}

void ImagePullStream::end() { shared_->cancel.cancel(); }

}  // namespace rivetr::api
