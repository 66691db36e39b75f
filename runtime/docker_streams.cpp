// The Docker adapter's output streams: logs (demultiplexed), stats (one-shot and streamed), exec.
#include <thread>

#include "runtime/docker_json.hpp"
#include "runtime/docker_runtime.hpp"
#include "runtime/log_demuxer.hpp"
#include "runtime/ndjson_splitter.hpp"

namespace rivetr::runtime {

void DockerRuntime::logs(const std::string& id, const LogOptions& o, const LogSink& sink) {
    // TTY containers send raw bytes, others 8-byte framed: only inspect tells which.
    bool tty = inspectContainer(id).tty;
    std::string q = containerPath(id, "logs") + "?follow=" + (o.follow ? "1" : "0") +
                    "&stdout=" + (o.stdoutStream ? "1" : "0") + "&stderr=" + (o.stderrStream ? "1" : "0") +
                    "&timestamps=" + (o.timestamps ? "1" : "0");
    if (o.sinceUnixSeconds) q += "&since=" + std::to_string(*o.sinceUnixSeconds);
    q += "&tail=" + (o.tail ? std::to_string(*o.tail) : std::string("all"));
    LogDemuxer demux(tty);
    HttpReply r = client_.stream("GET", q, std::nullopt, nullptr, "application/json",
                                 [&](std::string_view d) { demux.feed(d, sink); }, o.cancel);
    DockerClient::check(r, ObjectKind::Container);
}

Stats DockerRuntime::stats(const std::string& id) {
    // stream=false makes Docker wait for a second sample, so CPU % compares two real readings.
    Json j = expectOk("GET", containerPath(id, "stats") + "?stream=false", std::nullopt, ObjectKind::Container);
    if (!j.is_object()) throw RuntimeError(ErrorKind::EngineError, "unreadable stats reply");
    return parseStats(j);
}

void DockerRuntime::streamStats(const std::string& id, const std::function<void(const Stats&)>& onStats,
                                const CancelToken& cancel) {
    NdjsonSplitter splitter;
    auto onLine = [&](std::string_view line) {
        auto j = Json::parse(line, nullptr, false);
        if (j.is_object()) onStats(parseStats(j));
    };
    HttpReply r = client_.stream("GET", containerPath(id, "stats") + "?stream=true", std::nullopt, nullptr,
                                 "application/json", [&](std::string_view d) { splitter.feed(d, onLine); }, cancel);
    DockerClient::check(r, ObjectKind::Container);
}

ProcessList DockerRuntime::top(const std::string& id, const std::string& psArgs) {
    std::string q = containerPath(id, "top") + (psArgs.empty() ? "" : "?ps_args=" + percentEncode(psArgs));
    Json j = expectOk("GET", q, std::nullopt, ObjectKind::Container);
    ProcessList out;
    if (!j.is_object()) return out;
    for (const auto& t : j.value("Titles", Json::array()))
        if (t.is_string()) out.titles.push_back(t.get<std::string>());
    for (const auto& row : j.value("Processes", Json::array())) {
        std::vector<std::string> cells;
        for (const auto& c : row)
            if (c.is_string()) cells.push_back(c.get<std::string>());
        out.processes.push_back(std::move(cells));
    }
    return out;
}

ExecResult DockerRuntime::exec(const std::string& id, const std::vector<std::string>& argv, const ExecOptions& o) {
    if (argv.empty()) throw RuntimeError(ErrorKind::InvalidArgument, "exec needs a command");
    Json env = Json::array();
    for (const auto& [k, v] : o.env) env.push_back(k + "=" + v);
    Json create = {{"AttachStdout", true}, {"AttachStderr", true}, {"Tty", false}, {"Cmd", argv}, {"Env", env}};
    if (!o.user.empty()) create["User"] = o.user;
    if (!o.workingDir.empty()) create["WorkingDir"] = o.workingDir;
    std::string execId = expectOk("POST", containerPath(id, "exec"), create, ObjectKind::Container).value("Id", "");
    validateName(execId, "exec");
    ExecResult result;
    LogDemuxer demux(false);
    LogSink sink = [&](LogStream s, std::string_view d) { (s == LogStream::Stdout ? result.stdoutText : result.stderrText).append(d); };
    Json start = {{"Detach", false}, {"Tty", false}};
    HttpReply r = client_.stream("POST", "/exec/" + execId + "/start", start.dump(), nullptr, "application/json",
                                 [&](std::string_view d) { demux.feed(d, sink); }, o.cancel);
    DockerClient::check(r);
    Json inspect = expectOk("GET", "/exec/" + execId + "/json");
    // The stream can end a moment before the engine records the exit code.
    for (int i = 0; i < 40 && inspect.value("Running", false); ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(25));
        inspect = expectOk("GET", "/exec/" + execId + "/json");
    }
    if (inspect.contains("ExitCode") && inspect["ExitCode"].is_number()) result.exitCode = inspect["ExitCode"].get<int>();
    return result;
}

}  // namespace rivetr::runtime
