// Typed requests and results of the ContainerRuntime seam: engine-neutral, no wire format leaks out.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/cancel_token.hpp"

namespace rivetr::runtime {

using Labels = std::map<std::string, std::string>;
// Label filter: every entry must match; an empty value means "has the label, any value".
using LabelFilter = std::map<std::string, std::string>;

enum class EngineKind { Docker, Podman };

struct PingResult {
    bool ok = false;
    std::string error;  // why not, when !ok
    std::chrono::milliseconds latency{0};
};

struct EngineVersion {
    EngineKind kind = EngineKind::Docker;
    std::string version;     // "20.10.24+dfsg1"
    std::string apiVersion;  // the engine's maximum, e.g. "1.41"
    std::string usedApiVersion;  // what Rivetr speaks with it
    std::string os, arch, kernel;
};

// For the dashboard's host panel.
struct EngineInfo {
    std::string name, serverVersion, operatingSystem, kernelVersion, storageDriver, cgroupVersion, dockerRootDir;
    int cpus = 0;
    std::int64_t memTotalBytes = 0;
    int containers = 0, containersRunning = 0, containersPaused = 0, containersStopped = 0, images = 0;
};

struct Event {
    std::string type;    // container | image | network | volume ...
    std::string action;  // start | die | destroy ...
    std::string id;
    Labels attributes;   // includes the object's labels and "name"
    std::int64_t timeNano = 0;
};

struct BuildRequest {
    std::filesystem::path contextDir;
    std::string dockerfile = "Dockerfile";  // relative to contextDir
    std::vector<std::string> tags;          // "repo:tag"
    std::map<std::string, std::string> buildArgs;
    std::string target;                     // stage name, empty: last stage
    Labels labels;
    bool noCache = false;
    std::optional<std::int64_t> memoryBytes;
    std::optional<double> cpus;
    // Each progress line of the build as the engine reports it (step output, status).
    std::function<void(std::string_view line)> onProgress;
    CancelToken cancel;
};

struct BuildResult {
    std::string imageId;  // "sha256:..."
    std::uint64_t contextBytes = 0;  // size of the streamed tar
};

struct PortBinding {
    int containerPort = 0;
    int hostPort = 0;  // 0: the engine picks one; always bound on 127.0.0.1
    std::string protocol = "tcp";
};

struct NetworkAttachment {
    std::string network;
    std::vector<std::string> aliases;
};

struct VolumeMount {
    std::string source;  // volume name, or an absolute host path for a bind mount
    std::string target;  // path in the container
    bool readOnly = false;
};

enum class RestartPolicy { No, Always, UnlessStopped, OnFailure };

struct ContainerSpec {
    std::string name;  // from naming.hpp, never a user's app name alone
    std::string image;
    std::vector<std::string> cmd;         // empty: the image's
    std::vector<std::string> entrypoint;  // empty: the image's
    std::map<std::string, std::string> env;
    Labels labels;
    std::vector<PortBinding> ports;
    std::vector<NetworkAttachment> networks;
    std::vector<VolumeMount> mounts;
    std::string workingDir, user;
    RestartPolicy restart = RestartPolicy::No;
    int restartMaxRetries = 0;  // OnFailure only
    std::optional<std::int64_t> memoryBytes;
    std::optional<double> cpus;
    std::optional<std::int64_t> pidsLimit;
    bool init = true;  // without it PID 1 ignores SIGTERM and every stop waits for SIGKILL
    bool tty = false;
    std::string logMaxSize = "10m";  // json-file rotation
    int logMaxFiles = 3;
    std::optional<int> stopTimeoutSeconds;
};

struct ContainerState {
    std::string status;  // created | running | paused | restarting | exited | dead
    bool running = false, paused = false, restarting = false, oomKilled = false;
    int exitCode = 0;
    int pid = 0;
    std::string startedAt, finishedAt, error;
    std::string health;  // empty when the image has no HEALTHCHECK
};

struct PublishedPort {
    int containerPort = 0;
    std::string protocol;
    std::string hostIp;
    int hostPort = 0;
};

struct ContainerInfo {
    std::string id, name, image, imageId, created;
    Labels labels;
    ContainerState state;
    bool tty = false;
    std::vector<PublishedPort> ports;
    std::map<std::string, std::string> networkIps;  // network name -> container IP
    int restartCount = 0;
    // What the engine applied from the spec (HostConfig), for the dashboard and for checks.
    std::string restartPolicy;  // "no" | "always" | "unless-stopped" | "on-failure"
    bool init = false;
    std::int64_t memoryBytes = 0, nanoCpus = 0, pidsLimit = 0;
    std::string logDriver;
    std::map<std::string, std::string> logOptions;
};

// One mount of a container as the engine lists it: `name` is the volume's for a volume mount.
struct MountPoint {
    std::string type, name, source, destination;  // type: volume | bind | tmpfs | npipe
    bool readOnly = false;
};

struct ContainerSummary {
    std::string id, name, image, state, status;
    std::string imageId;  // "sha256:..." the container runs, whatever tag `image` names now
    std::string command;  // entrypoint + cmd as one line
    Labels labels;
    std::int64_t created = 0;
    std::vector<std::string> names;     // every name the engine lists, without the leading '/'
    std::vector<PublishedPort> ports;   // published ones carry hostIp/hostPort; exposed-only ones 0
    std::vector<MountPoint> mounts;     // what the container mounts (volumes, binds, tmpfs)
};

// Which containers queryContainers returns: every condition is passed to the engine, which ANDs
// different kinds and ORs values of one kind (as `docker ps --filter` does).
struct ContainerQuery {
    bool all = true;                  // stopped ones too
    LabelFilter labels;               // none: every container, not only Rivetr's
    std::vector<std::string> states;  // created | restarting | running | removing | paused | exited | dead
    std::vector<std::string> names;   // substring of a name, as the engine matches it
    std::vector<std::string> images;  // image reference or id (the engine's `ancestor`)
};

// `docker top`: the engine's ps columns and one row of them per process.
struct ProcessList {
    std::vector<std::string> titles;
    std::vector<std::vector<std::string>> processes;
};

// How a container joins a network: its aliases there and a fixed address (empty: the engine picks).
struct EndpointSettings {
    std::vector<std::string> aliases{};
    std::string ipv4Address{}, ipv6Address{};
};

enum class LogStream { Stdout, Stderr };

struct LogOptions {
    bool follow = false;
    bool stdoutStream = true, stderrStream = true;
    std::optional<std::int64_t> sinceUnixSeconds;
    std::optional<int> tail;  // last N lines
    bool timestamps = false;
    CancelToken cancel;
};
// Called with each piece of output in order; pieces are not split into lines.
using LogSink = std::function<void(LogStream, std::string_view)>;

struct Stats {
    double cpuPercent = 0;  // of one CPU: 200 means two cores busy
    std::uint64_t memoryUsageBytes = 0, memoryLimitBytes = 0;
    double memoryPercent = 0;
    std::uint64_t networkRxBytes = 0, networkTxBytes = 0;
    std::uint64_t blockReadBytes = 0, blockWriteBytes = 0;
    std::uint64_t pids = 0;
};

struct ExecOptions {
    std::map<std::string, std::string> env;
    std::string user, workingDir;
    CancelToken cancel;
};

struct ExecResult {
    int exitCode = -1;
    std::string stdoutText, stderrText;
};

struct RemoveOptions {
    bool force = false;    // kill a running container first
    bool volumes = false;  // also its anonymous volumes
};

struct ImageInfo {
    std::string id;
    std::vector<std::string> repoTags;
    Labels labels;
    std::int64_t sizeBytes = 0;
    std::int64_t created = 0;
    // TCP ports the image EXPOSEs (Config.ExposedPorts, "8080/tcp"), ascending: what a health
    // check that finds nothing on the app's port suggests instead. Empty from a list call.
    std::vector<int> exposedTcpPorts;
    std::vector<std::string> repoDigests;  // "repo@sha256:..." for images pulled from or pushed to a registry
    std::string parentId;                  // the local parent image (classic builds), empty otherwise
    // No tag at all (the engine writes "<none>:<none>", which is dropped from repoTags).
    bool dangling = false;
};

// What removing an image reference did: tags taken off, and images (and layers) actually deleted.
struct ImageRemoval {
    std::vector<std::string> untagged, deleted;
};

// One layer of an image's history, newest first as the engine lists it.
struct ImageLayer {
    std::string id;         // "<missing>" for layers built elsewhere
    std::int64_t created = 0;
    std::string createdBy;  // the instruction that made the layer
    std::vector<std::string> tags;
    std::int64_t sizeBytes = 0;
    std::string comment;
};

// One event of a pull as the engine reports it (a line of its progress stream).
struct PullProgress {
    std::string id;        // the layer (or the tag, for lines about the whole pull)
    std::string status;    // "Pulling fs layer", "Downloading", "Pull complete", "Digest: sha256:...", ...
    std::int64_t current = 0, total = 0;  // bytes, when the engine says (Downloading, Extracting)
};

struct PullRequest {
    std::string image;  // "repo[:tag]" or "repo@sha256:..."; no tag means ":latest", never every tag
    // The X-Registry-Auth value (base64url JSON credentials) built server-side per request by the
    // registries feature; empty: anonymous. Sent only in the header, never logged.
    std::string registryAuth;
    std::function<void(const PullProgress&)> onProgress;
    CancelToken cancel;
};

struct PullResult {
    std::string reference;  // what was pulled, with its tag: "127.0.0.1:5000/app:v1"
    std::string imageId;    // "sha256:..." now present on the engine
    std::string digest;     // the manifest digest the registry served, when it said
    std::string status;     // the engine's last word: "Downloaded newer image for ..." / "Image is up to date ..."
};

// One line of `docker system df`: how many, how many in use, their size and what a prune could free.
struct DiskUsageCategory {
    int total = 0, active = 0;
    std::int64_t sizeBytes = 0, reclaimableBytes = 0;
};

struct DiskUsage {
    DiskUsageCategory images, containers, volumes, buildCache;
};

struct VolumeInfo {
    std::string name, driver, mountpoint, createdAt;
    Labels labels;
    // The driver's options as created (the local driver's type, o, device): what the volume really mounts.
    std::map<std::string, std::string> options;
};

// What a network is created with (`docker network create`): its driver, addressing and reach.
struct NetworkSpec {
    // Every member has an initializer, so designated initializers may name only what they set.
    std::string name{};
    std::string driver = "bridge";                // bridge | macvlan
    std::string subnet{}, gateway{}, ipRange{};   // CIDR, address, CIDR; empty subnet: the engine picks one
    bool internal = false;                        // no route out of the network
    bool attachable = false;
    Labels labels{};
    std::map<std::string, std::string> options{};  // driver options, e.g. macvlan's "parent"
};

// One address pool of a network as the engine configured it.
struct NetworkPool {
    std::string subnet, gateway, ipRange;
};

// A container attached to a network, with its addresses there (prefix lengths dropped).
struct NetworkEndpoint {
    std::string containerId, name, ipv4Address, ipv6Address, macAddress;
};

// What POST /volumes/create makes: the local driver by default; driverOpts are passed to the driver
// as given (the local driver's type, o, device), so the caller judges them first (containers/create_policy).
struct VolumeSpec {
    std::string name;
    std::string driver = "local";
    Labels labels;
    std::map<std::string, std::string> driverOpts;
};

// A volume's disk use as `docker system df -v` reports it; -1 where the engine did not measure it
// (its UsageData is absent or -1, e.g. a driver that cannot say).
struct VolumeUsage {
    std::int64_t sizeBytes = -1;
    std::int64_t refCount = -1;
};

struct NetworkInfo {
    std::string id, name, driver;
    bool internal = false;
    Labels labels;
    std::vector<std::string> containerIds;
    std::string scope, created;
    bool attachable = false, ipv6 = false;
    std::vector<NetworkPool> pools;
    std::map<std::string, std::string> options;
    std::vector<NetworkEndpoint> endpoints;  // from an inspect; a list leaves it empty
};

struct PruneResult {
    std::vector<std::string> deleted;
    std::uint64_t spaceReclaimedBytes = 0;
};

}  // namespace rivetr::runtime
