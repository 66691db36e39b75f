// The one server-side policy every container-creating path applies, judged on the engine create body itself.
#include "containers/create_policy.hpp"

#include <algorithm>
#include <filesystem>

#include "containers/container_error.hpp"

namespace rivetr::containers {
namespace {

using Json = nlohmann::json;

const Json& at(const Json& j, const char* key) {
    static const Json null;
    if (!j.is_object()) return null;
    auto it = j.find(key);
    return it == j.end() ? null : *it;
}

std::string str(const Json& j, const char* key) {
    const Json& v = at(j, key);
    return v.is_string() ? v.get<std::string>() : std::string();
}

bool nonEmptyList(const Json& j) { return j.is_array() && !j.empty(); }

// "/a/b/../c/" -> "/a/c": judged as the engine will see it.
std::string normal(const std::string& path) {
    std::string p = std::filesystem::path(path).lexically_normal().string();
    while (p.size() > 1 && p.back() == '/') p.pop_back();
    return p;
}

bool within(const std::string& path, const std::string& root) {
    return root == "/" || path == root || path.rfind(root + "/", 0) == 0;
}

// A host path as written and, where symlinks resolve, as resolved: both are judged.
std::vector<std::string> formsOf(const std::string& path, const PolicyOptions& o) {
    std::vector<std::string> forms{normal(path)};
    if (o.resolve) forms.push_back(normal(o.resolve(forms.front())));
    return forms;
}

class Judge {
public:
    explicit Judge(const PolicyOptions& o) : options_(o) {}

    void find(std::string field, std::string rule) { findings.push_back({std::move(field), std::move(rule)}); }

    // What a mount finding names: "mounts" in a create body, "driver_opts" for a volume being created.
    std::string mountField = "mounts";

    void bindSource(const std::string& source, const std::string& where) {
        std::string lexical = normal(source);
        std::vector<std::string> forms = formsOf(lexical, options_);
        if (exposesDockerSocket(lexical, options_)) {
            find(mountField, "the Docker socket, or a directory holding it, is mounted (" + where + ": " + source + ")");
            return;
        }
        for (const auto& p : forms) {
            bool allowed = std::any_of(options_.allowedBindRoots.begin(), options_.allowedBindRoots.end(),
                                       [&](const std::string& r) { return within(p, normal(r)); });
            if (!allowed) {
                find(mountField, "bind mount outside [docker] allowed_bind_roots (" + where + ": " + source + ")");
                return;
            }
        }
    }

    void volumeOptions(const Json& mount, const std::string& where) {
        const Json& driver = at(at(mount, "VolumeOptions"), "DriverConfig");
        std::string name = str(driver, "Name");
        const Json& opts = at(driver, "Options");
        bool local = name.empty() || name == "local";
        if (local && (str(opts, "o").find("bind") != std::string::npos || opts.contains("device")))
            find("mounts", "a local volume with o=bind or device= is a bind mount in disguise (" + where + ")");
    }

    // An existing local volume mounts its `device` when it has one: with o=bind (or type=none) that is a
    // host directory; another type with an absolute device mounts a host block device. Either is judged
    // as a bind of the device. Devices that are no host path (nfs's ":/export", tmpfs) are fine.
    void namedVolume(const std::string& name, const std::string& where) {
        if (name.empty() || !options_.findVolume) return;
        if (auto volume = options_.findVolume(name)) volumeDevice(volume->driver, volume->options, where + ", volume " + name + "'s device");
    }

    void volumeDevice(const std::string& driver, const std::map<std::string, std::string>& options, const std::string& where) {
        if (!(driver.empty() || driver == "local")) return;
        auto opt = [&](const char* key) {
            auto it = options.find(key);
            return it == options.end() ? std::string() : it->second;
        };
        std::string device = opt("device");
        bool bindLike = opt("o").find("bind") != std::string::npos || opt("type") == "none";
        if (device.empty() || (!bindLike && device[0] != '/')) return;
        // A relative bind device resolves against dockerd's working directory, /.
        bindSource(device[0] == '/' ? device : "/" + device, where);
    }

    std::vector<PolicyFinding> findings;

private:
    const PolicyOptions& options_;
};

void judgeMounts(Judge& j, const Json& h) {
    const Json& binds = at(h, "Binds");
    for (std::size_t i = 0; binds.is_array() && i < binds.size(); ++i) {
        std::string entry = binds[i].is_string() ? binds[i].get<std::string>() : "";
        std::string source = entry.substr(0, entry.find(':'));
        std::string where = "HostConfig.Binds[" + std::to_string(i) + "]";
        // "name:/target" (no leading slash) names a volume, "/path:/target" binds a host path.
        if (!source.empty() && source[0] == '/') j.bindSource(source, where);
        if (entry.find(':') != std::string::npos && !source.empty() && source[0] != '/') j.namedVolume(source, where);
    }
    const Json& mounts = at(h, "Mounts");
    for (std::size_t i = 0; mounts.is_array() && i < mounts.size(); ++i) {
        std::string where = "HostConfig.Mounts[" + std::to_string(i) + "]";
        std::string type = str(mounts[i], "Type");
        if (type == "bind") j.bindSource(str(mounts[i], "Source"), where);
        if (type == "volume") j.volumeOptions(mounts[i], where);
        if (type == "volume") j.namedVolume(str(mounts[i], "Source"), where);
    }
}

void judgeNamespaces(Judge& j, const Json& h) {
    const std::pair<const char*, const char*> modes[] = {{"NetworkMode", "network_mode"}, {"PidMode", "pid_mode"},
                                                         {"IpcMode", "ipc_mode"},         {"UsernsMode", "userns_mode"},
                                                         {"UTSMode", "uts_mode"}};
    for (const auto& [key, field] : modes)
        if (str(h, key) == "host") j.find(field, std::string("the host's own namespace (") + key + "=host)");
}

void judgePrivileges(Judge& j, const Json& h) {
    if (at(h, "Privileged") == true) j.find("privileged", "a privileged container has every device and capability of the host");
    const auto& safe = safeCapabilities();
    for (const auto& c : at(h, "CapAdd").is_array() ? at(h, "CapAdd") : Json::array()) {
        std::string cap = c.is_string() ? c.get<std::string>() : "";
        std::transform(cap.begin(), cap.end(), cap.begin(), [](unsigned char ch) { return std::toupper(ch); });
        if (cap.rfind("CAP_", 0) == 0) cap.erase(0, 4);
        if (std::find(safe.begin(), safe.end(), cap) == safe.end())
            j.find("cap_add", "capability " + cap + " is not on the safe list");
    }
    if (nonEmptyList(at(h, "Devices")) || nonEmptyList(at(h, "DeviceCgroupRules")) || nonEmptyList(at(h, "DeviceRequests")))
        j.find("devices", "host devices are passed into the container");
    for (const auto& o : at(h, "SecurityOpt").is_array() ? at(h, "SecurityOpt") : Json::array()) {
        std::string opt = o.is_string() ? o.get<std::string>() : "";
        // Only no-new-privileges tightens; seccomp/apparmor/label entries can unconfine (=unconfined, a
        // permissive profile, label=disable), so they are an admin's call.
        if (opt.rfind("no-new-privileges", 0) != 0) j.find("security_opt", "security option " + opt + " is for admins");
    }
    for (const char* key : {"MaskedPaths", "ReadonlyPaths"})
        if (at(h, key).is_array() && at(h, key).empty())
            j.find("security_opt", std::string("systempaths=unconfined (") + key + " emptied)");
    if (nonEmptyList(at(h, "VolumesFrom"))) j.find("volumes_from", "mounts another container's volumes and binds");
}

// Non-admins: the first finding refuses; admins: the findings, for the audit.
std::vector<PolicyFinding> verdict(const Judge& j, store::Role role) {
    if (role != store::Role::admin && !j.findings.empty()) {
        const auto& f = j.findings.front();
        throw ContainerError(403, "policy_violation", f.field + ": " + f.rule + " (admins only)", f.field);
    }
    return j.findings;
}

}  // namespace

PolicyOptions localPolicyDefaults() {
    PolicyOptions o;
    o.resolve = [](const std::string& path) {
        std::error_code ec;
        auto resolved = std::filesystem::weakly_canonical(path, ec);
        return ec ? path : resolved.string();
    };
    return o;
}

const std::vector<std::string>& safeCapabilities() {
    static const std::vector<std::string> caps{"AUDIT_WRITE", "CHOWN",   "DAC_OVERRIDE", "FOWNER",     "FSETID",
                                               "KILL",        "MKNOD",   "NET_BIND_SERVICE", "NET_RAW", "SETFCAP",
                                               "SETGID",      "SETPCAP", "SETUID",       "SYS_CHROOT", "IPC_LOCK"};
    return caps;
}

bool exposesDockerSocket(const std::string& hostPath, const PolicyOptions& o) {
    std::vector<std::string> sockets;
    for (const auto& s : {std::string("/var/run/docker.sock"), std::string("/run/docker.sock"), o.dockerSocket}) {
        if (s.empty()) continue;
        sockets.push_back(normal(s));
        if (o.resolve) sockets.push_back(normal(o.resolve(s)));
    }
    // The socket itself, or a directory that holds it (binding /run hands over /run/docker.sock).
    for (const auto& p : formsOf(hostPath, o))
        if (std::any_of(sockets.begin(), sockets.end(), [&](const std::string& s) { return within(s, p); })) return true;
    return false;
}

std::vector<PolicyFinding> checkCreatePolicy(const Json& body, store::Role role, const PolicyOptions& options) {
    Judge j(options);
    const Json& h = at(body, "HostConfig");
    // Namespaces first: the engine adds SecurityOpt label=disable to a host-PID/IPC container itself,
    // and the refusal should name what the user set.
    judgeNamespaces(j, h);
    judgePrivileges(j, h);
    judgeMounts(j, h);
    return verdict(j, role);
}

std::vector<PolicyFinding> checkVolumePolicy(const runtime::VolumeSpec& spec, store::Role role, const PolicyOptions& options) {
    Judge j(options);
    j.mountField = "driver_opts";
    j.volumeDevice(spec.driver, spec.driverOpts, "volume " + spec.name + "'s device");
    return verdict(j, role);
}

}  // namespace rivetr::containers
