// Merged stack logs: a follow per container, all posting into one blocking stream whose sink is thread-safe.
#include "api/stacks/stack_log_stream.hpp"

#include <thread>

#include "api/apps/container_log_lines.hpp"
#include "api/http/blocking_stream.hpp"
#include "core/log.hpp"

namespace rivetr::api {
namespace {

void follow(runtime::ContainerRuntime& rt, const StackLogSource& source, int tail, const runtime::CancelToken& cancel,
            BlockingStream::Sink& sink) {
    runtime::LogOptions o;
    o.follow = true;
    o.timestamps = true;
    o.tail = tail;
    o.cancel = cancel;
    ContainerLogLines splitter;
    auto hand = [&](const std::vector<ContainerLogLine>& lines) {
        for (const auto& l : lines) {
            nlohmann::json j = toJson(l);
            j["service"] = source.service;
            j["container"] = source.container;
            sink.post("log", "", j.dump());
        }
    };
    try {
        rt.logs(source.containerId, o, [&](runtime::LogStream s, std::string_view piece) { hand(splitter.add(s, piece)); });
    } catch (const runtime::RuntimeError& e) {
        if (e.kind() != runtime::ErrorKind::Cancelled) log::warn("api.stack_logs_failed", {{"container", source.container}, {"error", e.what()}});
    }
    hand(splitter.finish());
}

}  // namespace

std::shared_ptr<StreamProducer> stackLogStream(std::shared_ptr<runtime::ContainerRuntime> rt, std::vector<StackLogSource> sources, int tail) {
    runtime::CancelToken cancel;
    auto job = [rt = std::move(rt), sources = std::move(sources), tail, cancel](BlockingStream::Sink& sink) {
        std::vector<std::thread> follows;
        for (const auto& s : sources) follows.emplace_back([&, s] { follow(*rt, s, tail, cancel, sink); });
        for (auto& t : follows) t.join();
        sink.post("end", "", "{}");
    };
    return std::make_shared<BlockingStream>(std::move(job), [cancel] { cancel.cancel(); });
}

}  // namespace rivetr::api
