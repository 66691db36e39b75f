// A ContainerRuntime in memory, for fast engine and API tests without Docker: containers, ports and images.
#pragma once

#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "engine/testing/loopback_listener.hpp"
#include "runtime/container_runtime.hpp"

namespace rivetr::engine::testing {

// Honest about what the engine relies on: a container exists until removed, its published port
// shows only while it runs, removing a running one without force is a conflict, unknown ids and
// images are NotFound / ImageNotFound, and a build produces its tagged image. Everything the
// engine does not use throws Unsupported, so a test never passes on a silent no-op.
class FakeRuntime : public runtime::ContainerRuntime {
public:
    // A container asked for a host port publishes it and binds it while it runs (a second one
    // asking for it fails with PortInUse); one asking for none gets the next host port from here
    // (tests hand in ports they listen on, so a TCP health check passes).
    explicit FakeRuntime(std::function<int()> nextHostPort) : nextHostPort_(std::move(nextHostPort)) {}

    // Called before a start, stop, restart, kill or remove takes effect, outside the lock, with the
    // verb and the container id: a test makes a race deterministic here.
    std::function<void(std::string_view verb, const std::string& id)> beforeChange;
    // Sees every inspect's answer before it is returned: a test plays what the engine reports
    // (a container its restart policy is bringing back, a restart count) here.
    std::function<void(runtime::ContainerInfo&)> inspected;

    void addImage(const std::string& ref, const runtime::Labels& labels = {});
    // Containers carrying every label in `labels` that run now.
    std::vector<std::string> runningContainers(const runtime::LabelFilter& labels);
    int hostPortOf(const std::string& id);
    // The environment the container was created with.
    std::map<std::string, std::string> envOf(const std::string& id);

    runtime::PingResult ping(std::chrono::milliseconds) noexcept override { return {true, "", {}}; }
    runtime::EngineVersion version() override;
    runtime::EngineInfo info() override;
    runtime::EngineKind kind() const override { return runtime::EngineKind::Docker; }
    runtime::DiskUsage diskUsage() override { unsupported("disk usage"); }
    void events(const runtime::LabelFilter&, const std::function<void(const runtime::Event&)>&,
                const runtime::CancelToken&) override;
    void watchEvents(const runtime::EventWatch&, const std::function<void(const runtime::Event&)>&,
                     const runtime::CancelToken&) override {
        unsupported("events");
    }

    runtime::BuildResult build(const runtime::BuildRequest& request) override;

    std::string createContainer(const runtime::ContainerSpec& spec) override;
    std::string runContainer(const runtime::ContainerSpec& spec) override;
    void startContainer(const std::string& id) override;
    void stopContainer(const std::string& id, std::chrono::seconds grace) override;
    void killContainer(const std::string& id, const std::string& signal) override;
    void restartContainer(const std::string& id, std::chrono::seconds grace) override;
    void pauseContainer(const std::string&) override { unsupported("pause"); }
    void unpauseContainer(const std::string&) override { unsupported("unpause"); }
    void renameContainer(const std::string&, const std::string&) override { unsupported("rename"); }
    void removeContainer(const std::string& id, const runtime::RemoveOptions& options) override;
    runtime::ContainerInfo inspectContainer(const std::string& id) override;
    std::vector<runtime::ContainerSummary> listContainers(const runtime::LabelFilter& labels,
                                                          bool includeStopped) override;
    int waitContainer(const std::string&, const runtime::CancelToken&) override { unsupported("wait"); }
    std::vector<runtime::ContainerSummary> queryContainers(const runtime::ContainerQuery&) override {
        unsupported("container queries");
    }
    nlohmann::json inspectContainerJson(const std::string&) override { unsupported("inspect documents"); }
    std::string createContainerFromJson(const std::string&, const nlohmann::json&) override {
        unsupported("create from a create body");
    }
    runtime::ProcessList top(const std::string&, const std::string&) override { unsupported("top"); }
    void getArchive(const std::string&, const std::string&, const ArchiveSink&, const runtime::CancelToken&) override {
        unsupported("archive read");
    }
    void putArchive(const std::string&, const std::string&, const ArchiveSource&, const runtime::CancelToken&) override {
        unsupported("archive write");
    }
    void logs(const std::string& id, const runtime::LogOptions&, const runtime::LogSink&) override;
    runtime::Stats stats(const std::string&) override { unsupported("stats"); }
    void streamStats(const std::string&, const std::function<void(const runtime::Stats&)>&,
                     const runtime::CancelToken&) override;
    runtime::ExecResult exec(const std::string&, const std::vector<std::string>&,
                             const runtime::ExecOptions&) override {
        unsupported("exec");
    }
    std::string createTtyExec(const std::string&, const runtime::TtyExecSpec&) override { unsupported("tty exec"); }
    runtime::ExecConnection attachTtyExec(const std::string&) override { unsupported("tty exec"); }
    void resizeExec(const std::string&, unsigned, unsigned) override { unsupported("exec resize"); }
    runtime::ExecState inspectExec(const std::string&) override { unsupported("exec inspect"); }

    std::vector<runtime::ImageInfo> listImages(const runtime::LabelFilter& labels) override;
    runtime::ImageInfo inspectImage(const std::string& ref) override;
    nlohmann::json inspectImageJson(const std::string&) override { unsupported("image documents"); }
    void tagImage(const std::string&, const std::string&, const std::string&) override { unsupported("tag"); }
    runtime::ImageRemoval removeImage(const std::string& ref, bool force) override;
    runtime::PruneResult pruneImages(const runtime::LabelFilter&) override { unsupported("prune images"); }
    std::vector<runtime::ImageInfo> listAllImages() override { unsupported("list all images"); }
    runtime::PullResult pullImage(const runtime::PullRequest&) override { unsupported("pull"); }
    std::vector<runtime::ImageLayer> imageHistory(const std::string&) override { unsupported("image history"); }

    std::vector<runtime::VolumeInfo> listVolumes(const runtime::LabelFilter&) override { unsupported("volumes"); }
    runtime::VolumeInfo inspectVolume(const std::string&) override { unsupported("volumes"); }
    nlohmann::json inspectVolumeJson(const std::string&) override { unsupported("volumes"); }
    using runtime::VolumeStore::createVolume;
    runtime::VolumeInfo createVolume(const runtime::VolumeSpec&) override { unsupported("volumes"); }
    void removeVolume(const std::string&, bool) override { unsupported("volumes"); }
    std::map<std::string, runtime::VolumeUsage> volumeUsage() override { unsupported("volume usage"); }
    runtime::PruneResult pruneVolumes(const runtime::LabelFilter&) override { unsupported("volumes"); }

    std::vector<runtime::NetworkInfo> listNetworks(const runtime::LabelFilter&) override { unsupported("networks"); }
    runtime::NetworkInfo inspectNetwork(const std::string&) override { unsupported("networks"); }
    runtime::NetworkInfo createNetwork(const runtime::NetworkSpec&) override { unsupported("networks"); }
    void removeNetwork(const std::string&) override { unsupported("networks"); }
    void connectNetwork(const std::string&, const std::string&, const std::vector<std::string>&) override {
        unsupported("networks");
    }
    void connectEndpoint(const std::string&, const std::string&, const runtime::EndpointSettings&) override {
        unsupported("networks");
    }
    void disconnectNetwork(const std::string&, const std::string&, bool) override { unsupported("networks"); }
    runtime::PruneResult pruneNetworks(const runtime::LabelFilter&) override { unsupported("networks"); }

private:
    struct Container {
        runtime::ContainerSpec spec;
        bool running = false;
        int hostPort = 0;
        // A port the engine was asked for is bound while the container runs, as docker-proxy does.
        std::shared_ptr<LoopbackListener> bound;
    };
    static void bindRequested(Container& c);
    [[noreturn]] static void unsupported(const char* what);
    Container& find(const std::string& id);  // with mutex_ held; NotFound when missing
    runtime::ContainerInfo inspectLocked(const std::string& id);
    void change(std::string_view verb, const std::string& id, const std::function<void(Container&)>& apply);

    std::function<int()> nextHostPort_;
    std::mutex mutex_;
    std::map<std::string, Container> containers_;
    std::map<std::string, runtime::Labels> images_;  // by reference
    int nextId_ = 0;
};

}  // namespace rivetr::engine::testing
