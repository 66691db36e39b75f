// The Docker adapter's engine calls (connect, ping, version, info, events) and its shared helpers.
#include "runtime/docker_runtime.hpp"

#include <cstdio>

#include "core/log.hpp"
#include "runtime/docker_json.hpp"
#include "runtime/ndjson_splitter.hpp"

namespace rivetr::runtime {
namespace {

// "1.41" -> 1041, so versions compare as numbers.
int versionNumber(const std::string& v) {
    int major = 0, minor = 0;
    if (std::sscanf(v.c_str(), "%d.%d", &major, &minor) != 2) return 0;
    return major * 1000 + minor;
}

std::string askVersion(const DockerClient& client) {
    HttpReply r = client.call("GET", "/version", std::nullopt, std::nullopt, false);
    DockerClient::check(r);
    auto j = Json::parse(r.body, nullptr, false);
    std::string api = j.is_object() ? j.value("ApiVersion", "") : "";
    if (versionNumber(api) < versionNumber(kApiVersion))
        throw RuntimeError(ErrorKind::Unsupported, "engine API " + (api.empty() ? "unknown" : api) + " is older than " + kApiVersion);
    return r.body;
}

void announce(const DockerEndpoint& e, const EngineDialect& d, const std::string& versionReply) {
    auto j = Json::parse(versionReply, nullptr, false);
    log::info("runtime_connected", {{"engine", d.kind == EngineKind::Podman ? "podman" : "docker"},
                                    {"endpoint", e.describe()},
                                    {"version", j.is_object() ? j.value("Version", "") : ""},
                                    {"api", kApiVersion}});
}

}  // namespace

DockerRuntime::DockerRuntime(DockerEndpoint endpoint) : client_(std::move(endpoint)) {
    versionReply_ = askVersion(client_);
    dialect_ = EngineDialect::detect(versionReply_);
    client_.setApiVersion(kApiVersion);
    announce(client_.endpoint(), dialect_, versionReply_);
}

DockerRuntime::DockerRuntime(DockerEndpoint endpoint, EngineDialect dialect)
    : client_(std::move(endpoint)), dialect_(std::move(dialect)) {
    versionReply_ = askVersion(client_);
    client_.setApiVersion(kApiVersion);
    announce(client_.endpoint(), dialect_, versionReply_);
}

Json DockerRuntime::expectOk(const std::string& method, const std::string& path, const std::optional<Json>& body,
                             ObjectKind kind, std::optional<std::chrono::milliseconds> timeout) {
    HttpReply r = client_.call(method, path, body ? std::optional<std::string>(body->dump()) : std::nullopt, timeout);
    DockerClient::check(r, kind);
    if (r.body.empty()) return nullptr;
    auto j = Json::parse(r.body, nullptr, false);
    if (j.is_discarded()) throw RuntimeError(ErrorKind::EngineError, "unreadable engine reply to " + path + ": " + r.body.substr(0, 200));
    return j;
}

std::string DockerRuntime::containerPath(const std::string& id, const std::string& action) const {
    validateName(id, "container");
    return "/containers/" + id + (action.empty() ? "" : "/" + action);
}

PingResult DockerRuntime::ping(std::chrono::milliseconds timeout) noexcept {
    PingResult p;
    auto start = std::chrono::steady_clock::now();
    try {
        HttpReply r = client_.call("GET", "/_ping", std::nullopt, timeout, false);
        p.ok = r.status == 200;
        if (!p.ok) p.error = "engine answered HTTP " + std::to_string(r.status);
    } catch (const std::exception& e) {
        p.error = e.what();
    }
    p.latency = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
    return p;
}

EngineVersion DockerRuntime::version() {
    HttpReply r = client_.call("GET", "/version", std::nullopt, std::nullopt, false);
    DockerClient::check(r);
    auto j = Json::parse(r.body, nullptr, false);
    EngineVersion v;
    v.kind = dialect_.kind;
    v.version = j.value("Version", "");
    v.apiVersion = j.value("ApiVersion", "");
    v.usedApiVersion = client_.apiVersion();
    v.os = j.value("Os", "");
    v.arch = j.value("Arch", "");
    v.kernel = j.value("KernelVersion", "");
    return v;
}

EngineInfo DockerRuntime::info() { return parseInfo(expectOk("GET", "/info")); }

void DockerRuntime::events(const LabelFilter& labels, const std::function<void(const Event&)>& onEvent,
                           const CancelToken& cancel) {
    watchEvents({labels, std::nullopt, nullptr}, onEvent, cancel);
}

void DockerRuntime::watchEvents(const EventWatch& watch, const std::function<void(const Event&)>& onEvent,
                                const CancelToken& cancel) {
    NdjsonSplitter splitter;
    auto onLine = [&](std::string_view line) {
        auto j = Json::parse(line, nullptr, false);
        if (j.is_object()) onEvent(parseEvent(j));
    };
    std::string path = "/events?filters=" + labelFilters(watch.labels);
    if (watch.sinceUnixSeconds) path += "&since=" + std::to_string(*watch.sinceUnixSeconds);
    auto opened = [&](long status) {
        if (status < 300 && watch.onOpen) watch.onOpen();
    };
    HttpReply r = client_.stream("GET", path, std::nullopt, nullptr, "application/json",
                                 [&](std::string_view d) { splitter.feed(d, onLine); }, cancel, {}, opened);
    DockerClient::check(r);
    splitter.finish(onLine);
}

}  // namespace rivetr::runtime
