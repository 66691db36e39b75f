// Translation between the runtime's typed structs and the Docker Engine API's JSON (also Podman's compat API).
#include "runtime/docker_json.hpp"

#include <algorithm>
#include <cmath>

#include "runtime/runtime_error.hpp"

namespace rivetr::runtime {
namespace {

[[noreturn]] void invalid(const std::string& msg) { throw RuntimeError(ErrorKind::InvalidArgument, msg); }

std::string str(const Json& j, const char* key) {
    auto it = j.find(key);
    return (it != j.end() && it->is_string()) ? it->get<std::string>() : std::string();
}

template <typename T>
T num(const Json& j, const char* key, T fallback = T{}) {
    auto it = j.find(key);
    return (it != j.end() && it->is_number()) ? it->get<T>() : fallback;
}

bool flag(const Json& j, const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_boolean() && it->get<bool>();
}

const Json& child(const Json& j, const char* key) {
    static const Json empty = Json::object();
    auto it = j.find(key);
    return (it != j.end() && it->is_object()) ? *it : empty;
}

// RepoTags / RepoDigests without the "<none>:<none>" and "<none>@<none>" placeholders of untagged images.
std::vector<std::string> references(const Json& j, const char* key) {
    std::vector<std::string> out;
    auto it = j.find(key);
    if (it == j.end() || !it->is_array()) return out;
    for (const auto& r : *it)
        if (r.is_string() && r.get<std::string>().rfind("<none>", 0) != 0) out.push_back(r.get<std::string>());
    return out;
}

Labels labelsOf(const Json& j) {
    Labels l;
    if (!j.is_object()) return l;
    for (auto it = j.begin(); it != j.end(); ++it)
        if (it->is_string()) l[it.key()] = it->get<std::string>();
    return l;
}

bool validEnvKey(const std::string& k) {
    return !k.empty() && k.find('=') == std::string::npos && k.find('\0') == std::string::npos;
}

const char* restartName(RestartPolicy p) {
    switch (p) {
        case RestartPolicy::Always: return "always";
        case RestartPolicy::UnlessStopped: return "unless-stopped";
        case RestartPolicy::OnFailure: return "on-failure";
        case RestartPolicy::No: break;
    }
    return "no";
}

Json hostConfig(const ContainerSpec& s, const EngineDialect& d) {
    Json h = {{"Init", s.init}, {"RestartPolicy", {{"Name", restartName(s.restart)}}}};
    if (s.restart == RestartPolicy::OnFailure) h["RestartPolicy"]["MaximumRetryCount"] = s.restartMaxRetries;
    Json bindings = Json::object();
    for (const auto& p : s.ports) {
        // Published only on loopback: nothing an app exposes bypasses the proxy.
        bindings[std::to_string(p.containerPort) + "/" + p.protocol] =
            Json::array({{{"HostIp", "127.0.0.1"}, {"HostPort", p.hostPort ? std::to_string(p.hostPort) : ""}}});
    }
    h["PortBindings"] = bindings;
    if (s.memoryBytes) h["Memory"] = *s.memoryBytes;
    if (s.cpus) h["NanoCpus"] = static_cast<std::int64_t>(std::llround(*s.cpus * 1e9));
    if (s.pidsLimit) h["PidsLimit"] = *s.pidsLimit;
    Json logCfg = {{"max-size", s.logMaxSize}};
    if (d.logMaxFiles) logCfg["max-file"] = std::to_string(s.logMaxFiles);
    h["LogConfig"] = {{"Type", d.logDriver}, {"Config", logCfg}};
    Json mounts = Json::array();
    for (const auto& m : s.mounts) {
        bool bind = !m.source.empty() && m.source[0] == '/';
        mounts.push_back({{"Type", bind ? "bind" : "volume"}, {"Source", m.source}, {"Target", m.target}, {"ReadOnly", m.readOnly}});
    }
    h["Mounts"] = mounts;
    if (!s.networks.empty()) h["NetworkMode"] = s.networks.front().network;
    return h;
}

void validateSpec(const ContainerSpec& s) {
    if (!s.name.empty()) validateName(s.name, "container");
    if (s.image.empty()) invalid("container image is empty");
    for (const auto& [k, v] : s.env)
        if (!validEnvKey(k)) invalid("invalid environment variable name: '" + k + "'");
    for (const auto& p : s.ports) {
        if (p.containerPort < 1 || p.containerPort > 65535) invalid("container port out of range: " + std::to_string(p.containerPort));
        if (p.hostPort < 0 || p.hostPort > 65535) invalid("host port out of range: " + std::to_string(p.hostPort));
        if (p.protocol != "tcp" && p.protocol != "udp") invalid("protocol must be tcp or udp: " + p.protocol);
    }
    if (s.memoryBytes && *s.memoryBytes < 6 * 1024 * 1024) invalid("memory limit below 6 MiB");
    if (s.cpus && !(*s.cpus > 0)) invalid("cpu limit must be positive");
    if (s.pidsLimit && *s.pidsLimit < 1) invalid("pids limit must be positive");
    for (const auto& n : s.networks) validateName(n.network, "network");
    for (const auto& m : s.mounts)
        if (m.target.empty() || m.target[0] != '/') invalid("mount target must be an absolute path: '" + m.target + "'");
}

}  // namespace

const std::string& checkedImageRef(const std::string& ref) {
    bool ok = !ref.empty() && ref.size() <= 255 && std::isalnum(static_cast<unsigned char>(ref[0])) &&
              ref.find("..") == std::string::npos;
    for (char c : ref) ok = ok && (std::isalnum(static_cast<unsigned char>(c)) || std::string_view("_.-/:@").find(c) != std::string_view::npos);
    if (!ok) throw RuntimeError(ErrorKind::InvalidArgument, "invalid image reference: '" + ref + "'");
    return ref;
}

void validateName(const std::string& name, const char* what) {
    auto ok = [](char c, bool first) {
        return std::isalnum(static_cast<unsigned char>(c)) || (!first && (c == '_' || c == '.' || c == '-'));
    };
    bool good = !name.empty() && name.size() <= 128;
    for (std::size_t i = 0; good && i < name.size(); ++i) good = ok(name[i], i == 0);
    if (!good) invalid(std::string("invalid ") + what + " name: '" + name + "'");
}

Json containerCreateBody(const ContainerSpec& s, const EngineDialect& d) {
    validateSpec(s);
    Json body = {{"Image", s.image}, {"Labels", s.labels}, {"Tty", s.tty}, {"AttachStdout", false}, {"AttachStderr", false}};
    if (!s.cmd.empty()) body["Cmd"] = s.cmd;
    if (!s.entrypoint.empty()) body["Entrypoint"] = s.entrypoint;
    Json env = Json::array();
    for (const auto& [k, v] : s.env) env.push_back(k + "=" + v);
    body["Env"] = env;
    if (!s.workingDir.empty()) body["WorkingDir"] = s.workingDir;
    if (!s.user.empty()) body["User"] = s.user;
    if (s.stopTimeoutSeconds) body["StopTimeout"] = *s.stopTimeoutSeconds;
    Json exposed = Json::object();
    for (const auto& p : s.ports) exposed[std::to_string(p.containerPort) + "/" + p.protocol] = Json::object();
    body["ExposedPorts"] = exposed;
    body["HostConfig"] = hostConfig(s, d);
    if (!s.networks.empty()) {
        const auto& first = s.networks.front();
        body["NetworkingConfig"]["EndpointsConfig"][first.network] = {{"Aliases", first.aliases}};
    }
    return body;
}

static PublishedPort parsePortEntry(const Json& p) {
    return {num<int>(p, "PrivatePort"), str(p, "Type"), str(p, "IP"), num<int>(p, "PublicPort")};
}

ContainerInfo parseContainerInspect(const Json& j) {
    ContainerInfo c;
    c.id = str(j, "Id");
    c.name = str(j, "Name");
    if (!c.name.empty() && c.name[0] == '/') c.name.erase(0, 1);
    const Json& cfg = child(j, "Config");
    c.image = str(cfg, "Image");
    c.imageId = str(j, "Image");
    c.created = str(j, "Created");
    c.labels = labelsOf(child(cfg, "Labels"));
    c.tty = flag(cfg, "Tty");
    c.restartCount = num<int>(j, "RestartCount");
    const Json& st = child(j, "State");
    c.state.status = str(st, "Status");
    c.state.running = flag(st, "Running");
    c.state.paused = flag(st, "Paused");
    c.state.restarting = flag(st, "Restarting");
    c.state.oomKilled = flag(st, "OOMKilled");
    c.state.exitCode = num<int>(st, "ExitCode");
    c.state.pid = num<int>(st, "Pid");
    c.state.startedAt = str(st, "StartedAt");
    c.state.finishedAt = str(st, "FinishedAt");
    c.state.error = str(st, "Error");
    c.state.health = str(child(st, "Health"), "Status");
    const Json& net = child(j, "NetworkSettings");
    for (auto it = child(net, "Ports").begin(); it != child(net, "Ports").end(); ++it) {
        if (!it->is_array()) continue;
        auto slash = it.key().find('/');
        for (const auto& b : *it) {
            PublishedPort p;
            p.containerPort = std::atoi(it.key().substr(0, slash).c_str());
            p.protocol = slash == std::string::npos ? "tcp" : it.key().substr(slash + 1);
            p.hostIp = str(b, "HostIp");
            p.hostPort = std::atoi(str(b, "HostPort").c_str());
            c.ports.push_back(p);
        }
    }
    for (auto it = child(net, "Networks").begin(); it != child(net, "Networks").end(); ++it)
        c.networkIps[it.key()] = str(*it, "IPAddress");
    const Json& host = child(j, "HostConfig");
    c.restartPolicy = str(child(host, "RestartPolicy"), "Name");
    c.init = flag(host, "Init");
    c.memoryBytes = num<std::int64_t>(host, "Memory");
    c.nanoCpus = num<std::int64_t>(host, "NanoCpus");
    c.pidsLimit = num<std::int64_t>(host, "PidsLimit");
    c.logDriver = str(child(host, "LogConfig"), "Type");
    c.logOptions = labelsOf(child(child(host, "LogConfig"), "Config"));
    return c;
}

ContainerSummary parseContainerSummary(const Json& j) {
    ContainerSummary c;
    c.id = str(j, "Id");
    if (j.contains("Names") && j["Names"].is_array() && !j["Names"].empty() && j["Names"][0].is_string()) {
        c.name = j["Names"][0].get<std::string>();
        if (!c.name.empty() && c.name[0] == '/') c.name.erase(0, 1);
    }
    c.image = str(j, "Image");
    c.imageId = str(j, "ImageID");
    c.state = str(j, "State");
    c.status = str(j, "Status");
    c.command = str(j, "Command");
    c.labels = labelsOf(child(j, "Labels"));
    c.created = num<std::int64_t>(j, "Created");
    if (j.contains("Names") && j["Names"].is_array())
        for (const auto& n : j["Names"])
            if (n.is_string()) c.names.push_back(n.get<std::string>().substr(n.get<std::string>().rfind('/') + 1));
    if (j.contains("Ports") && j["Ports"].is_array())
        for (const auto& p : j["Ports"]) c.ports.push_back(parsePortEntry(p));
    if (auto m = j.find("Mounts"); m != j.end()) c.mounts = parseMountPoints(*m);
    return c;
}

std::vector<MountPoint> parseMountPoints(const Json& mounts) {
    std::vector<MountPoint> out;
    if (!mounts.is_array()) return out;
    for (const auto& m : mounts) {
        auto rw = m.find("RW");
        bool readOnly = rw != m.end() && rw->is_boolean() && !rw->get<bool>();
        out.push_back({str(m, "Type"), str(m, "Name"), str(m, "Source"), str(m, "Destination"), readOnly});
    }
    return out;
}

CpuSample cpuSampleOf(const Json& cpu) {
    CpuSample s;
    const Json& usage = child(cpu, "cpu_usage");
    s.containerUsageNs = num<std::uint64_t>(usage, "total_usage");
    s.systemUsageNs = num<std::uint64_t>(cpu, "system_cpu_usage");
    s.onlineCpus = num<std::uint32_t>(cpu, "online_cpus");
    auto per = usage.find("percpu_usage");
    if (per != usage.end() && per->is_array()) s.percpuCount = static_cast<std::uint32_t>(per->size());
    return s;
}

Stats parseStats(const Json& j) {
    Stats s;
    s.cpuPercent = cpuPercent(cpuSampleOf(child(j, "precpu_stats")), cpuSampleOf(child(j, "cpu_stats")));
    const Json& mem = child(j, "memory_stats");
    const Json& memStats = child(mem, "stats");
    std::uint64_t inactive = num<std::uint64_t>(memStats, "inactive_file", num<std::uint64_t>(memStats, "total_inactive_file"));
    s.memoryUsageBytes = memoryWithoutCache(num<std::uint64_t>(mem, "usage"), inactive);
    s.memoryLimitBytes = num<std::uint64_t>(mem, "limit");
    if (s.memoryLimitBytes) s.memoryPercent = 100.0 * static_cast<double>(s.memoryUsageBytes) / static_cast<double>(s.memoryLimitBytes);
    for (auto it = child(j, "networks").begin(); it != child(j, "networks").end(); ++it) {
        s.networkRxBytes += num<std::uint64_t>(*it, "rx_bytes");
        s.networkTxBytes += num<std::uint64_t>(*it, "tx_bytes");
    }
    auto io = child(j, "blkio_stats").find("io_service_bytes_recursive");
    if (io != child(j, "blkio_stats").end() && io->is_array()) {
        for (const auto& e : *io) {
            std::string op = str(e, "op");
            if (op == "Read" || op == "read") s.blockReadBytes += num<std::uint64_t>(e, "value");
            if (op == "Write" || op == "write") s.blockWriteBytes += num<std::uint64_t>(e, "value");
        }
    }
    s.pids = num<std::uint64_t>(child(j, "pids_stats"), "current");
    return s;
}

ImageInfo parseImage(const Json& j) {
    ImageInfo i;
    i.id = str(j, "Id");
    i.repoTags = references(j, "RepoTags");
    i.repoDigests = references(j, "RepoDigests");
    i.parentId = str(j, "ParentId");
    i.dangling = i.repoTags.empty();
    i.labels = j.contains("Config") ? labelsOf(child(child(j, "Config"), "Labels")) : labelsOf(child(j, "Labels"));
    i.sizeBytes = num<std::int64_t>(j, "Size");
    i.created = num<std::int64_t>(j, "Created");
    const auto& exposed = child(child(j, "Config"), "ExposedPorts");
    for (auto it = exposed.begin(); it != exposed.end(); ++it) {
        auto slash = it.key().find('/');
        int port = std::atoi(it.key().substr(0, slash).c_str());
        bool tcp = slash == std::string::npos || it.key().substr(slash + 1) == "tcp";
        if (tcp && port > 0) i.exposedTcpPorts.push_back(port);
    }
    std::sort(i.exposedTcpPorts.begin(), i.exposedTcpPorts.end());
    return i;
}

VolumeInfo parseVolume(const Json& j) {
    return {str(j, "Name"), str(j, "Driver"), str(j, "Mountpoint"), str(j, "CreatedAt"), labelsOf(child(j, "Labels")),
            labelsOf(child(j, "Options"))};
}

namespace {

// "10.1.2.3/24" -> "10.1.2.3": an endpoint's address without its prefix length.
std::string withoutPrefix(const std::string& cidr) { return cidr.substr(0, cidr.find('/')); }

}  // namespace

NetworkInfo parseNetwork(const Json& j) {
    NetworkInfo n;
    n.id = str(j, "Id");
    n.name = str(j, "Name");
    n.driver = str(j, "Driver");
    n.internal = flag(j, "Internal");
    n.labels = labelsOf(child(j, "Labels"));
    n.scope = str(j, "Scope");
    n.created = str(j, "Created");
    n.attachable = flag(j, "Attachable");
    n.ipv6 = flag(j, "EnableIPv6");
    n.options = labelsOf(child(j, "Options"));
    const Json& ipam = child(j, "IPAM");
    auto pools = ipam.find("Config");  // an array: child() answers objects only
    if (pools != ipam.end() && pools->is_array())
        for (const auto& p : *pools) n.pools.push_back({str(p, "Subnet"), str(p, "Gateway"), str(p, "IPRange")});
    for (auto it = child(j, "Containers").begin(); it != child(j, "Containers").end(); ++it) {
        n.containerIds.push_back(it.key());
        n.endpoints.push_back({it.key(), str(*it, "Name"), withoutPrefix(str(*it, "IPv4Address")),
                               withoutPrefix(str(*it, "IPv6Address")), str(*it, "MacAddress")});
    }
    return n;
}

Event parseEvent(const Json& j) {
    Event e;
    e.type = str(j, "Type");
    e.action = str(j, "Action");
    const Json& actor = child(j, "Actor");
    e.id = str(actor, "ID");
    e.attributes = labelsOf(child(actor, "Attributes"));
    e.timeNano = num<std::int64_t>(j, "timeNano");
    return e;
}

EngineInfo parseInfo(const Json& j) {
    EngineInfo i;
    i.name = str(j, "Name");
    i.serverVersion = str(j, "ServerVersion");
    i.operatingSystem = str(j, "OperatingSystem");
    i.kernelVersion = str(j, "KernelVersion");
    i.storageDriver = str(j, "Driver");
    i.cgroupVersion = str(j, "CgroupVersion");
    i.dockerRootDir = str(j, "DockerRootDir");
    i.cpus = num<int>(j, "NCPU");
    i.memTotalBytes = num<std::int64_t>(j, "MemTotal");
    i.containers = num<int>(j, "Containers");
    i.containersRunning = num<int>(j, "ContainersRunning");
    i.containersPaused = num<int>(j, "ContainersPaused");
    i.containersStopped = num<int>(j, "ContainersStopped");
    i.images = num<int>(j, "Images");
    return i;
}

PruneResult parsePrune(const Json& j, const char* listKey, const char* idKey) {
    PruneResult r;
    auto it = j.find(listKey);
    if (it != j.end() && it->is_array()) {
        for (const auto& e : *it) {
            if (e.is_string()) r.deleted.push_back(e.get<std::string>());
            else if (e.is_object() && !str(e, idKey).empty()) r.deleted.push_back(str(e, idKey));
        }
    }
    r.spaceReclaimedBytes = num<std::uint64_t>(j, "SpaceReclaimed");
    return r;
}

ImageRemoval parseImageRemoval(const Json& j) {
    ImageRemoval r;
    if (!j.is_array()) return r;
    for (const auto& e : j) {
        if (!str(e, "Untagged").empty()) r.untagged.push_back(str(e, "Untagged"));
        if (!str(e, "Deleted").empty()) r.deleted.push_back(str(e, "Deleted"));
    }
    return r;
}

ImageLayer parseImageLayer(const Json& j) {
    ImageLayer l;
    l.id = str(j, "Id");
    l.created = num<std::int64_t>(j, "Created");
    l.createdBy = str(j, "CreatedBy");
    l.tags = references(j, "Tags");
    l.sizeBytes = num<std::int64_t>(j, "Size");
    l.comment = str(j, "Comment");
    return l;
}

}  // namespace rivetr::runtime
