// The Docker adapter's container lifecycle: create, run, start/stop/kill/restart, pause, rename, remove, list, wait.
#include "runtime/docker_json.hpp"
#include "runtime/docker_runtime.hpp"

namespace rivetr::runtime {
namespace {

void checkAllowing(const HttpReply& r, long alsoOk, ObjectKind kind = ObjectKind::Container) {
    if (r.status == alsoOk) return;  // e.g. 304: already started / already stopped
    DockerClient::check(r, kind);
}

}  // namespace

std::string DockerRuntime::createContainer(const ContainerSpec& spec) {
    Json body = containerCreateBody(spec, dialect_);
    std::string path = "/containers/create" + (spec.name.empty() ? "" : "?name=" + percentEncode(spec.name));
    Json created = expectOk("POST", path, body);
    std::string id = created.value("Id", "");
    if (id.empty()) throw RuntimeError(ErrorKind::EngineError, "create answered without an id");
    // API 1.41 attaches one network at create; the rest join before the first start.
    try {
        for (std::size_t i = 1; i < spec.networks.size(); ++i)
            connectNetwork(spec.networks[i].network, id, spec.networks[i].aliases);
    } catch (...) {
        discard(id);
        throw;
    }
    return id;
}

// A container that never ran is removed again so a failed create or start leaves nothing behind;
// a failure to remove it must not hide the error that made it fail.
void DockerRuntime::discard(const std::string& id) {
    try {
        removeContainer(id, {.force = true, .volumes = true});
    } catch (const RuntimeError&) {
    }
}

std::string DockerRuntime::runContainer(const ContainerSpec& spec) {
    std::string id = createContainer(spec);
    try {
        startContainer(id);
    } catch (...) {
        discard(id);
        throw;
    }
    return id;
}

void DockerRuntime::startContainer(const std::string& id) {
    checkAllowing(client_.call("POST", containerPath(id, "start")), 304);
}

void DockerRuntime::stopContainer(const std::string& id, std::chrono::seconds grace) {
    auto timeout = client_.endpoint().controlTimeout + grace;
    checkAllowing(client_.call("POST", containerPath(id, "stop") + "?t=" + std::to_string(grace.count()), std::nullopt, timeout), 304);
}

void DockerRuntime::killContainer(const std::string& id, const std::string& signal) {
    for (char c : signal)
        if (!std::isalnum(static_cast<unsigned char>(c))) throw RuntimeError(ErrorKind::InvalidArgument, "invalid signal: " + signal);
    expectOk("POST", containerPath(id, "kill") + "?signal=" + signal, std::nullopt, ObjectKind::Container);
}

void DockerRuntime::restartContainer(const std::string& id, std::chrono::seconds grace) {
    auto timeout = client_.endpoint().controlTimeout + grace;
    expectOk("POST", containerPath(id, "restart") + "?t=" + std::to_string(grace.count()), std::nullopt,
             ObjectKind::Container, timeout);
}

void DockerRuntime::pauseContainer(const std::string& id) { expectOk("POST", containerPath(id, "pause"), std::nullopt, ObjectKind::Container); }

void DockerRuntime::unpauseContainer(const std::string& id) {
    expectOk("POST", containerPath(id, "unpause"), std::nullopt, ObjectKind::Container);
}

void DockerRuntime::renameContainer(const std::string& id, const std::string& newName) {
    validateName(newName, "container");
    expectOk("POST", containerPath(id, "rename") + "?name=" + percentEncode(newName), std::nullopt, ObjectKind::Container);
}

void DockerRuntime::removeContainer(const std::string& id, const RemoveOptions& o) {
    std::string q = std::string("?force=") + (o.force ? "1" : "0") + "&v=" + (o.volumes ? "1" : "0");
    expectOk("DELETE", containerPath(id) + q, std::nullopt, ObjectKind::Container);
}

ContainerInfo DockerRuntime::inspectContainer(const std::string& id) {
    return parseContainerInspect(expectOk("GET", containerPath(id, "json"), std::nullopt, ObjectKind::Container));
}

std::vector<ContainerSummary> DockerRuntime::listContainers(const LabelFilter& labels, bool includeStopped) {
    Json list = expectOk("GET", std::string("/containers/json?all=") + (includeStopped ? "1" : "0") + "&filters=" + labelFilters(labels));
    std::vector<ContainerSummary> out;
    if (list.is_array())
        for (const auto& c : list) out.push_back(parseContainerSummary(c));
    return out;
}

std::vector<ContainerSummary> DockerRuntime::queryContainers(const ContainerQuery& q) {
    Json f = Json::object();
    for (const auto& [k, v] : q.labels) f["label"].push_back(v.empty() ? k : k + "=" + v);
    for (const auto& s : q.states) f["status"].push_back(s);
    for (const auto& n : q.names) f["name"].push_back(n);
    for (const auto& i : q.images) f["ancestor"].push_back(i);
    Json list = expectOk("GET", std::string("/containers/json?all=") + (q.all ? "1" : "0") + "&filters=" + percentEncode(f.dump()));
    std::vector<ContainerSummary> out;
    if (list.is_array())
        for (const auto& c : list) out.push_back(parseContainerSummary(c));
    return out;
}

Json DockerRuntime::inspectContainerJson(const std::string& id) {
    Json j = expectOk("GET", containerPath(id, "json"), std::nullopt, ObjectKind::Container);
    if (!j.is_object()) throw RuntimeError(ErrorKind::EngineError, "unreadable inspect reply");
    return j;
}

std::string DockerRuntime::createContainerFromJson(const std::string& name, const Json& body) {
    if (!body.is_object()) throw RuntimeError(ErrorKind::InvalidArgument, "a create body is a JSON object");
    if (!name.empty()) validateName(name, "container");
    Json created = expectOk("POST", "/containers/create" + (name.empty() ? "" : "?name=" + percentEncode(name)), body);
    std::string id = created.is_object() ? created.value("Id", "") : "";
    if (id.empty()) throw RuntimeError(ErrorKind::EngineError, "create answered without an id");
    return id;
}

int DockerRuntime::waitContainer(const std::string& id, const CancelToken& cancel) {
    std::string body;
    HttpReply r = client_.stream("POST", containerPath(id, "wait") + "?condition=not-running", std::nullopt, nullptr,
                                 "application/json", [&](std::string_view d) { body.append(d); }, cancel);
    DockerClient::check(r, ObjectKind::Container);
    auto j = Json::parse(body, nullptr, false);
    if (!j.is_object() || !j.contains("StatusCode")) throw RuntimeError(ErrorKind::EngineError, "unreadable wait reply: " + body);
    if (j.contains("Error") && j["Error"].is_object() && !j["Error"].value("Message", "").empty())
        throw RuntimeError(ErrorKind::EngineError, j["Error"].value("Message", ""));
    return j["StatusCode"].get<int>();
}

}  // namespace rivetr::runtime
