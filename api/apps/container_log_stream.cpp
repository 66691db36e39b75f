// GET /api/apps/{id}/logs/stream: the live container's output followed as SSE `log` events.
#include "api/apps/container_log_stream.hpp"

#include <deque>
#include <mutex>
#include <thread>

#include "api/apps/container_log_lines.hpp"
#include "core/log.hpp"

namespace rivetr::api {

struct ContainerLogStream::Shared {
    std::mutex mutex;
    std::deque<ContainerLogLine> lines;
    bool finished = false;  // the container stopped (or the runtime failed): end the stream
    runtime::CancelToken cancel;
};

ContainerLogStream::ContainerLogStream(std::shared_ptr<runtime::ContainerRuntime> rt, std::string containerId,
                                       int tail, std::optional<ContainerLogCursor> after)
    : rt_(std::move(rt)),
      containerId_(std::move(containerId)),
      tail_(tail),
      after_(after),
      sequence_(after),
      shared_(std::make_shared<Shared>()) {}

ContainerLogStream::~ContainerLogStream() { shared_->cancel.cancel(); }

void ContainerLogStream::begin(Wake wake) {
    runtime::LogOptions o;
    o.follow = true;
    o.timestamps = true;
    o.cancel = shared_->cancel;
    if (after_) {
        o.sinceUnixSeconds = after_->nanos / 1000000000;  // that whole second again: the sequence drops the known
    } else {
        o.tail = tail_;
    }
    std::thread([rt = rt_, id = containerId_, o, shared = shared_, wake] {
        ContainerLogLines splitter;
        auto hand = [&](std::vector<ContainerLogLine> lines) {
            if (lines.empty()) return;
            {
                std::lock_guard lock(shared->mutex);
                for (auto& l : lines) shared->lines.push_back(std::move(l));
            }
            wake();
        };
        try {
            rt->logs(id, o, [&](runtime::LogStream s, std::string_view piece) { hand(splitter.add(s, piece)); });
        } catch (const runtime::RuntimeError& e) {
            if (e.kind() != runtime::ErrorKind::Cancelled) {
                log::warn("api.container_logs_failed", {{"container", id}, {"error", e.what()}});
            }
        }
        hand(splitter.finish());
        {
            std::lock_guard lock(shared->mutex);
            shared->finished = true;
        }
        wake();
    }).detach();
}

bool ContainerLogStream::pump(SseStream& out) {
    std::deque<ContainerLogLine> lines;
    bool finished;
    {
        std::lock_guard lock(shared_->mutex);
        lines.swap(shared_->lines);
        finished = shared_->finished;
    }
    for (const auto& l : lines) {
        auto id = sequence_.next(l);
        if (id && !out.event("log", *id, toJson(l).dump())) return false;
    }
    if (finished) {
        out.event("end", std::nullopt, "{}");
        return false;
    }
    return true;
}

void ContainerLogStream::end() { shared_->cancel.cancel(); }

}  // namespace rivetr::api
