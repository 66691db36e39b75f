// A ContainerRuntime in memory, for fast engine and API tests without Docker: containers, ports and images.
#include "engine/testing/fake_runtime.hpp"

namespace rivetr::engine::testing {
namespace {

using runtime::ErrorKind;
using runtime::RuntimeError;

bool matches(const runtime::Labels& have, const runtime::LabelFilter& want) {
    for (const auto& [k, v] : want) {
        auto it = have.find(k);
        if (it == have.end() || (!v.empty() && it->second != v)) return false;
    }
    return true;
}

// The fake's images are named by their one reference, which is also their id.
runtime::ImageInfo imageInfo(const std::string& ref, const runtime::Labels& labels) {
    runtime::ImageInfo i;
    i.id = ref;
    i.repoTags = {ref};
    i.labels = labels;
    return i;
}

}  // namespace

void FakeRuntime::unsupported(const char* what) {
    throw RuntimeError(ErrorKind::Unsupported, std::string("the fake runtime does not do ") + what);
}

void FakeRuntime::addImage(const std::string& ref, const runtime::Labels& labels) {
    std::lock_guard lock(mutex_);
    images_[ref] = labels;
}

std::vector<std::string> FakeRuntime::runningContainers(const runtime::LabelFilter& labels) {
    std::lock_guard lock(mutex_);
    std::vector<std::string> out;
    for (const auto& [id, c] : containers_) {
        if (c.running && matches(c.spec.labels, labels)) out.push_back(id);
    }
    return out;
}

int FakeRuntime::hostPortOf(const std::string& id) {
    std::lock_guard lock(mutex_);
    return find(id).hostPort;
}

std::map<std::string, std::string> FakeRuntime::envOf(const std::string& id) {
    std::lock_guard lock(mutex_);
    return find(id).spec.env;
}

runtime::EngineVersion FakeRuntime::version() {
    runtime::EngineVersion v;
    v.version = "fake";
    v.apiVersion = v.usedApiVersion = "1.41";
    return v;
}

runtime::EngineInfo FakeRuntime::info() {
    runtime::EngineInfo i;
    i.name = "fake";
    return i;
}

void FakeRuntime::events(const runtime::LabelFilter&, const std::function<void(const runtime::Event&)>&,
                         const runtime::CancelToken&) {
    unsupported("events");
}

runtime::BuildResult FakeRuntime::build(const runtime::BuildRequest& request) {
    std::lock_guard lock(mutex_);
    for (const auto& tag : request.tags) images_[tag] = request.labels;
    return {"sha256:fake" + std::to_string(nextId_++), 0};
}

FakeRuntime::Container& FakeRuntime::find(const std::string& id) {
    if (auto it = containers_.find(id); it != containers_.end()) return it->second;
    for (auto& [cid, c] : containers_) {
        if (c.spec.name == id) return c;
    }
    throw RuntimeError(ErrorKind::NotFound, "No such container: " + id, 404);
}

std::string FakeRuntime::createContainer(const runtime::ContainerSpec& spec) {
    std::lock_guard lock(mutex_);
    if (!images_.count(spec.image)) throw RuntimeError(ErrorKind::ImageNotFound, "No such image: " + spec.image, 404);
    for (const auto& [id, c] : containers_) {
        if (!spec.name.empty() && c.spec.name == spec.name) {
            throw RuntimeError(ErrorKind::NameConflict, "name " + spec.name + " is in use", 409);
        }
    }
    auto id = "fake" + std::to_string(nextId_++);
    int requested = spec.ports.empty() ? 0 : spec.ports[0].hostPort;
    containers_[id] = {spec, false, spec.ports.empty() ? 0 : requested ? requested : nextHostPort_(), nullptr};
    return id;
}

std::string FakeRuntime::runContainer(const runtime::ContainerSpec& spec) {
    auto id = createContainer(spec);
    try {
        startContainer(id);
    } catch (const RuntimeError&) {
        removeContainer(id, {true, false});  // as the adapters do: nothing leaks
        throw;
    }
    return id;
}

// The hook first (a test may hold the change back or let other work happen), then the change.
void FakeRuntime::change(std::string_view verb, const std::string& id, const std::function<void(Container&)>& apply) {
    if (beforeChange) beforeChange(verb, id);
    std::lock_guard lock(mutex_);
    apply(find(id));
}

void FakeRuntime::bindRequested(Container& c) {
    if (c.bound || c.spec.ports.empty() || c.spec.ports[0].hostPort == 0) return;
    try {
        c.bound = std::make_shared<LoopbackListener>(c.spec.ports[0].hostPort);
    } catch (const std::runtime_error&) {
        throw RuntimeError(ErrorKind::PortInUse, "Bind for 127.0.0.1:" + std::to_string(c.hostPort) + " failed: port is already allocated", 500);
    }
}

void FakeRuntime::startContainer(const std::string& id) {
    change("start", id, [](Container& c) {
        bindRequested(c);
        c.running = true;
    });
}

void FakeRuntime::stopContainer(const std::string& id, std::chrono::seconds) {
    change("stop", id, [](Container& c) {
        c.running = false;
        c.bound.reset();
    });
}

void FakeRuntime::killContainer(const std::string& id, const std::string&) {
    change("kill", id, [](Container& c) {
        c.running = false;
        c.bound.reset();
    });
}

void FakeRuntime::restartContainer(const std::string& id, std::chrono::seconds) {
    change("restart", id, [](Container& c) {
        bindRequested(c);
        c.running = true;
    });
}

void FakeRuntime::removeContainer(const std::string& id, const runtime::RemoveOptions& options) {
    if (beforeChange) beforeChange("remove", id);
    std::lock_guard lock(mutex_);
    auto& c = find(id);
    if (c.running && !options.force) {
        throw RuntimeError(ErrorKind::Conflict, "You cannot remove a running container " + id, 409);
    }
    std::erase_if(containers_, [&](const auto& entry) { return &entry.second == &c; });
}

runtime::ContainerInfo FakeRuntime::inspectContainer(const std::string& id) {
    auto info = inspectLocked(id);
    if (inspected) inspected(info);  // outside the lock, like beforeChange
    return info;
}

runtime::ContainerInfo FakeRuntime::inspectLocked(const std::string& id) {
    std::lock_guard lock(mutex_);
    auto& c = find(id);
    runtime::ContainerInfo info;
    for (const auto& [cid, other] : containers_) {
        if (&other == &c) info.id = cid;
    }
    info.name = c.spec.name;
    info.image = c.spec.image;
    info.labels = c.spec.labels;
    info.state.running = c.running;
    info.state.status = c.running ? "running" : "exited";
    info.init = c.spec.init;
    if (c.running) {
        for (const auto& p : c.spec.ports) info.ports.push_back({p.containerPort, p.protocol, "127.0.0.1", c.hostPort});
    }
    return info;
}

std::vector<runtime::ContainerSummary> FakeRuntime::listContainers(const runtime::LabelFilter& labels,
                                                                   bool includeStopped) {
    std::lock_guard lock(mutex_);
    std::vector<runtime::ContainerSummary> out;
    for (const auto& [id, c] : containers_) {
        if (!matches(c.spec.labels, labels) || (!includeStopped && !c.running)) continue;
        runtime::ContainerSummary s;
        s.id = id;
        s.name = c.spec.name;
        s.image = c.spec.image;
        s.state = c.running ? "running" : "exited";
        s.labels = c.spec.labels;
        out.push_back(s);
    }
    return out;
}

// The fake's containers print nothing.
void FakeRuntime::logs(const std::string& id, const runtime::LogOptions&, const runtime::LogSink&) {
    std::lock_guard lock(mutex_);
    find(id);
}

void FakeRuntime::streamStats(const std::string&, const std::function<void(const runtime::Stats&)>&,
                              const runtime::CancelToken&) {
    unsupported("stats");
}

std::vector<runtime::ImageInfo> FakeRuntime::listImages(const runtime::LabelFilter& labels) {
    std::lock_guard lock(mutex_);
    std::vector<runtime::ImageInfo> out;
    for (const auto& [ref, l] : images_) {
        if (matches(l, labels)) out.push_back(imageInfo(ref, l));
    }
    return out;
}

runtime::ImageInfo FakeRuntime::inspectImage(const std::string& ref) {
    std::lock_guard lock(mutex_);
    auto it = images_.find(ref);
    if (it == images_.end()) throw RuntimeError(ErrorKind::ImageNotFound, "No such image: " + ref, 404);
    return imageInfo(ref, it->second);
}

runtime::ImageRemoval FakeRuntime::removeImage(const std::string& ref, bool force) {
    std::lock_guard lock(mutex_);
    if (!images_.count(ref)) throw RuntimeError(ErrorKind::ImageNotFound, "No such image: " + ref, 404);
    for (const auto& [id, c] : containers_) {
        if (c.spec.image == ref && !force) throw RuntimeError(ErrorKind::Conflict, "image is in use by " + id, 409);
    }
    images_.erase(ref);
    return {{ref}, {ref}};
}

}  // namespace rivetr::engine::testing
