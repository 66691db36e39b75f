// The ContainerRuntime adapter for the Docker Engine API; Podman's compat socket uses it with its dialect.
#pragma once

#include <nlohmann/json.hpp>

#include "runtime/container_runtime.hpp"
#include "runtime/docker_client.hpp"
#include "runtime/engine_dialect.hpp"

namespace rivetr::runtime {

// Speaks API 1.41 (the oldest version Rivetr needs; every newer engine still accepts it).
inline constexpr const char* kApiVersion = "1.41";

class DockerRuntime final : public ContainerRuntime {
public:
    // Asks the engine's /version, refuses engines older than 1.41, picks the dialect. Throws RuntimeError.
    explicit DockerRuntime(DockerEndpoint endpoint);
    // For tests of the dialect seam: skip detection and force one.
    DockerRuntime(DockerEndpoint endpoint, EngineDialect dialect);

    PingResult ping(std::chrono::milliseconds timeout) noexcept override;
    EngineVersion version() override;
    EngineInfo info() override;
    EngineKind kind() const override { return dialect_.kind; }
    DiskUsage diskUsage() override;
    void events(const LabelFilter& labels, const std::function<void(const Event&)>& onEvent,
                const CancelToken& cancel) override;
    void watchEvents(const EventWatch& watch, const std::function<void(const Event&)>& onEvent,
                     const CancelToken& cancel) override;

    BuildResult build(const BuildRequest& request) override;

    std::string createContainer(const ContainerSpec& spec) override;
    std::string runContainer(const ContainerSpec& spec) override;
    void startContainer(const std::string& id) override;
    void stopContainer(const std::string& id, std::chrono::seconds grace) override;
    void killContainer(const std::string& id, const std::string& signal) override;
    void restartContainer(const std::string& id, std::chrono::seconds grace) override;
    void pauseContainer(const std::string& id) override;
    void unpauseContainer(const std::string& id) override;
    void renameContainer(const std::string& id, const std::string& newName) override;
    void removeContainer(const std::string& id, const RemoveOptions& options) override;
    ContainerInfo inspectContainer(const std::string& id) override;
    std::vector<ContainerSummary> listContainers(const LabelFilter& labels, bool includeStopped) override;
    int waitContainer(const std::string& id, const CancelToken& cancel) override;
    std::vector<ContainerSummary> queryContainers(const ContainerQuery& query) override;
    nlohmann::json inspectContainerJson(const std::string& id) override;
    std::string createContainerFromJson(const std::string& name, const nlohmann::json& body) override;
    ProcessList top(const std::string& id, const std::string& psArgs) override;
    void logs(const std::string& id, const LogOptions& options, const LogSink& sink) override;
    Stats stats(const std::string& id) override;
    void streamStats(const std::string& id, const std::function<void(const Stats&)>& onStats,
                     const CancelToken& cancel) override;
    ExecResult exec(const std::string& id, const std::vector<std::string>& argv, const ExecOptions& options) override;
    std::string createTtyExec(const std::string& containerId, const TtyExecSpec& spec) override;
    ExecConnection attachTtyExec(const std::string& execId) override;
    void resizeExec(const std::string& execId, unsigned cols, unsigned rows) override;
    ExecState inspectExec(const std::string& execId) override;
    void getArchive(const std::string& id, const std::string& path, const ArchiveSink& onData,
                    const CancelToken& cancel) override;
    void putArchive(const std::string& id, const std::string& path, const ArchiveSource& upload,
                    const CancelToken& cancel) override;

    std::vector<ImageInfo> listImages(const LabelFilter& labels) override;
    ImageInfo inspectImage(const std::string& ref) override;
    nlohmann::json inspectImageJson(const std::string& ref) override;
    void tagImage(const std::string& ref, const std::string& repo, const std::string& tag) override;
    ImageRemoval removeImage(const std::string& ref, bool force) override;
    PruneResult pruneImages(const LabelFilter& labels) override;
    std::vector<ImageInfo> listAllImages() override;
    PullResult pullImage(const PullRequest& request) override;
    std::vector<ImageLayer> imageHistory(const std::string& ref) override;

    std::vector<VolumeInfo> listVolumes(const LabelFilter& labels) override;
    VolumeInfo inspectVolume(const std::string& name) override;
    nlohmann::json inspectVolumeJson(const std::string& name) override;
    using VolumeStore::createVolume;
    VolumeInfo createVolume(const VolumeSpec& spec) override;
    void removeVolume(const std::string& name, bool force) override;
    std::map<std::string, VolumeUsage> volumeUsage() override;
    PruneResult pruneVolumes(const LabelFilter& labels) override;

    std::vector<NetworkInfo> listNetworks(const LabelFilter& labels) override;
    NetworkInfo inspectNetwork(const std::string& idOrName) override;
    NetworkInfo createNetwork(const NetworkSpec& spec) override;
    void removeNetwork(const std::string& idOrName) override;
    void connectNetwork(const std::string& network, const std::string& container,
                        const std::vector<std::string>& aliases) override;
    void connectEndpoint(const std::string& network, const std::string& container,
                         const EndpointSettings& endpoint) override;
    void disconnectNetwork(const std::string& network, const std::string& container, bool force) override;
    PruneResult pruneNetworks(const LabelFilter& labels) override;

private:
    BuildResult buildOnce(const BuildRequest& request);
    void discard(const std::string& id);
    // A control call whose reply must be 2xx; returns the parsed body (null when empty).
    nlohmann::json expectOk(const std::string& method, const std::string& path,
                            const std::optional<nlohmann::json>& body = {}, ObjectKind kind = ObjectKind::Other,
                            std::optional<std::chrono::milliseconds> timeout = {});
    PruneResult pruneImagesOneByOne(const LabelFilter& labels);  // see EngineDialect::imageLabelFiltersAnd
    std::string containerPath(const std::string& id, const std::string& action = "") const;

    DockerClient client_;
    EngineDialect dialect_;
    std::string versionReply_;
};

}  // namespace rivetr::runtime
