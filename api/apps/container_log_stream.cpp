// GET /api/apps/{id}/logs/stream: the live container's output followed as SSE `log` events.
#include "api/apps/container_log_stream.hpp"

#include "api/http/blocking_stream.hpp"
#include "core/log.hpp"

namespace rivetr::api {
namespace {

runtime::LogOptions followOptions(int tail, const std::optional<ContainerLogCursor>& after,
                                  const runtime::CancelToken& cancel) {
    runtime::LogOptions o;
    o.follow = true;
    o.timestamps = true;
    o.cancel = cancel;
    if (after) {
        o.sinceUnixSeconds = after->nanos / 1000000000;  // that whole second again: the sequence drops the known
    } else {
        o.tail = tail;
    }
    return o;
}

}  // namespace

std::shared_ptr<StreamProducer> containerLogStream(std::shared_ptr<runtime::ContainerRuntime> rt,
                                                   std::string containerId, int tail,
                                                   std::optional<ContainerLogCursor> after) {
    runtime::CancelToken cancel;
    auto job = [rt = std::move(rt), id = std::move(containerId), o = followOptions(tail, after, cancel),
                after](BlockingStream::Sink& sink) {
        ContainerLogLines splitter;
        ContainerLogSequence sequence(after);
        auto hand = [&](const std::vector<ContainerLogLine>& lines) {
            for (const auto& l : lines)
                if (auto lineId = sequence.next(l)) sink.post("log", *lineId, toJson(l).dump());
        };
        try {
            rt->logs(id, o, [&](runtime::LogStream s, std::string_view piece) { hand(splitter.add(s, piece)); });
        } catch (const runtime::RuntimeError& e) {
            if (e.kind() != runtime::ErrorKind::Cancelled) {
                log::warn("api.container_logs_failed", {{"container", id}, {"error", e.what()}});
            }
        }
        hand(splitter.finish());
        sink.post("end", "", "{}");
    };
    return std::make_shared<BlockingStream>(std::move(job), [cancel] { cancel.cancel(); });
}

}  // namespace rivetr::api
