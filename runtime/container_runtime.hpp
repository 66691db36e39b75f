// The seam between Rivetr and a container engine: engine, builders and API call this; only adapters know the wire.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "runtime/cancel_token.hpp"
#include "runtime/runtime_error.hpp"
#include "runtime/runtime_types.hpp"

namespace rivetr::runtime {

// Every method except ping() throws RuntimeError (typed, with the engine's message) and nothing else.
// Implementations are thread-safe: calls may run concurrently from any thread. Control calls have a
// short timeout; streams (build, logs follow, events, stats stream, wait) have none and end through
// their CancelToken instead.
class ContainerRuntime {
public:
    virtual ~ContainerRuntime() = default;

    // --- engine
    // Cheap and never throws: for GET /health ("runtime: ok|unavailable").
    virtual PingResult ping(std::chrono::milliseconds timeout = std::chrono::milliseconds(1000)) noexcept = 0;
    virtual EngineVersion version() = 0;
    virtual EngineInfo info() = 0;
    virtual EngineKind kind() const = 0;
    // Blocks delivering events until `cancel` (then throws Cancelled) or the engine ends the stream.
    virtual void events(const LabelFilter& labels, const std::function<void(const Event&)>& onEvent,
                        const CancelToken& cancel) = 0;

    // --- build: the context directory is streamed as tar (honouring .dockerignore, without .git).
    virtual BuildResult build(const BuildRequest& request) = 0;

    // --- containers (id or name accepted wherever `id` is asked)
    virtual std::string createContainer(const ContainerSpec& spec) = 0;  // returns the id
    // create + start; a container whose start fails is removed again, so nothing leaks.
    virtual std::string runContainer(const ContainerSpec& spec) = 0;
    virtual void startContainer(const std::string& id) = 0;
    virtual void stopContainer(const std::string& id, std::chrono::seconds grace) = 0;
    virtual void killContainer(const std::string& id, const std::string& signal = "SIGKILL") = 0;
    virtual void restartContainer(const std::string& id, std::chrono::seconds grace) = 0;
    virtual void pauseContainer(const std::string& id) = 0;
    virtual void unpauseContainer(const std::string& id) = 0;
    virtual void renameContainer(const std::string& id, const std::string& newName) = 0;
    virtual void removeContainer(const std::string& id, const RemoveOptions& options = {}) = 0;
    virtual ContainerInfo inspectContainer(const std::string& id) = 0;
    virtual std::vector<ContainerSummary> listContainers(const LabelFilter& labels, bool includeStopped = true) = 0;
    // Blocks until the container is not running; returns its exit code.
    virtual int waitContainer(const std::string& id, const CancelToken& cancel) = 0;
    // stdout and stderr told apart (TTY containers: everything is Stdout). With follow, blocks until
    // the container stops or `options.cancel`.
    virtual void logs(const std::string& id, const LogOptions& options, const LogSink& sink) = 0;
    virtual Stats stats(const std::string& id) = 0;
    virtual void streamStats(const std::string& id, const std::function<void(const Stats&)>& onStats,
                             const CancelToken& cancel) = 0;
    virtual ExecResult exec(const std::string& id, const std::vector<std::string>& argv,
                            const ExecOptions& options = {}) = 0;

    // --- images
    virtual std::vector<ImageInfo> listImages(const LabelFilter& labels) = 0;
    virtual ImageInfo inspectImage(const std::string& ref) = 0;
    virtual void tagImage(const std::string& ref, const std::string& repo, const std::string& tag) = 0;
    virtual void removeImage(const std::string& ref, bool force = false) = 0;
    // Removes unused images carrying every label in `labels`. An empty filter is replaced by
    // rivetr.managed=true: Rivetr never prunes images it did not build (coolify#11582).
    virtual PruneResult pruneImages(const LabelFilter& labels = {}) = 0;

    // --- volumes
    virtual std::vector<VolumeInfo> listVolumes(const LabelFilter& labels) = 0;
    virtual VolumeInfo inspectVolume(const std::string& name) = 0;
    virtual VolumeInfo createVolume(const std::string& name, const Labels& labels) = 0;
    virtual void removeVolume(const std::string& name, bool force = false) = 0;
    virtual PruneResult pruneVolumes(const LabelFilter& labels = {}) = 0;  // same default as images

    // --- networks
    virtual std::vector<NetworkInfo> listNetworks(const LabelFilter& labels) = 0;
    virtual NetworkInfo inspectNetwork(const std::string& idOrName) = 0;
    virtual NetworkInfo createNetwork(const std::string& name, const Labels& labels, bool internal = false) = 0;
    virtual void removeNetwork(const std::string& idOrName) = 0;
    virtual void connectNetwork(const std::string& network, const std::string& container,
                                const std::vector<std::string>& aliases = {}) = 0;
    virtual void disconnectNetwork(const std::string& network, const std::string& container, bool force = false) = 0;
    virtual PruneResult pruneNetworks(const LabelFilter& labels = {}) = 0;  // same default as images
};

// How to reach the engine. Defaults auto-detect a local Docker, then Podman, socket.
struct RuntimeOptions {
    std::string runtimeType = "auto";  // auto | docker | podman
    std::string dockerSocket = "/var/run/docker.sock";
    std::string podmanSocket = "/run/podman/podman.sock";
    // Remote engine over TCP with TLS client certificates (e.g. "https://10.0.0.5:2376"); when set it
    // wins over the sockets. The CA verifies the engine; cert/key prove Rivetr to it.
    std::string tcpUrl;
    std::string tlsCaCert, tlsClientCert, tlsClientKey;
    std::chrono::milliseconds controlTimeout{30000};  // per control call (create, inspect, ...)
    std::chrono::milliseconds connectTimeout{3000};
};

// Connects (asks /version, checks API >= 1.41) and returns the adapter. Throws RuntimeError
// (DaemonUnavailable when nothing answers, Unsupported for a too-old engine, InvalidArgument for a
// bad runtimeType).
std::unique_ptr<ContainerRuntime> connectRuntime(const RuntimeOptions& options);

}  // namespace rivetr::runtime
