// The service keys of compose's subset: a table from key to reader, so an unknown key is found in one place and named with its line.
#include "stacks/service_loader.hpp"

#include <functional>
#include <map>

#include "core/text.hpp"
#include "stacks/dotenv.hpp"
#include "stacks/service_fields.hpp"
#include "stacks/service_ports.hpp"

namespace rivetr::stacks {
namespace {

using Reader = std::function<bool(ServiceSpec&, const YamlNode&, const YamlAt&, const ServiceContext&)>;

// Reads a value with `read` and stores it with `store`; false when the read recorded an issue.
template <typename Read, typename Store>
bool field(const YamlNode& node, const YamlAt& at, Read read, Store store) {
    auto value = read(node, at);
    if (value) store(*value);
    return value.has_value();
}

Reader stringInto(std::string containers::ContainerConfig::*member) {
    return [member](ServiceSpec& s, const YamlNode& n, const YamlAt& at, const ServiceContext&) {
        return field(n, at, readString, [&](const std::string& v) { s.container.*member = v; });
    };
}

// A key that lands verbatim in the engine's Config or HostConfig.
Reader engineValue(bool hostConfig, const char* engineKey,
                   std::function<std::optional<nlohmann::json>(const YamlNode&, const YamlAt&)> read) {
    return [=](ServiceSpec& s, const YamlNode& n, const YamlAt& at, const ServiceContext&) {
        auto value = read(n, at);
        if (value) (hostConfig ? s.container.engineHostConfig : s.container.engineConfig)[engineKey] = *value;
        return value.has_value();
    };
}

template <typename T, typename Read>
std::function<std::optional<nlohmann::json>(const YamlNode&, const YamlAt&)> asJson(Read read) {
    return [read](const YamlNode& n, const YamlAt& at) -> std::optional<nlohmann::json> {
        auto v = read(n, at);
        if (!v) return std::nullopt;
        return nlohmann::json(static_cast<T>(*v));
    };
}

std::optional<std::vector<std::string>> commandWords(const YamlNode& n, const YamlAt& at) {
    if (!n.isScalar()) return readStringList(n, at);
    auto words = splitCommand(n.text);
    if (!words) at.fail(n, "unterminated quote in the command");
    return words;
}

bool readCommand(std::optional<std::vector<std::string>>& into, const YamlNode& n, const YamlAt& at) {
    if (n.isNull()) return true;  // compose: null keeps the image's
    return field(n, at, commandWords, [&](const std::vector<std::string>& v) { into = v; });
}

bool readEnvironment(ServiceSpec& s, const YamlNode& n, const YamlAt& at, const ServiceContext& ctx) {
    // `- NAME` or `NAME:` with no value: NAME's value from the stack's variables, left out when unset.
    const std::string kUnsetMark(1, '\0');
    auto pairs = readPairs(n, at, kUnsetMark);
    if (!pairs) return false;
    for (auto& [key, value] : *pairs) {
        if (value == kUnsetMark) {
            auto fromStack = ctx.variables ? ctx.variables(key) : std::nullopt;
            if (!fromStack) continue;
            value = *fromStack;
        }
        setEnv(s.container.env, key, value);
    }
    return true;
}

bool readBuild(ServiceSpec& s, const YamlNode& n, const YamlAt& at, const ServiceContext& ctx) {
    auto build = readBuildSpec(n, at, ctx.bind.stackDir);
    if (build) s.build = std::move(*build);
    return build.has_value();
}

bool readRestart(ServiceSpec& s, const YamlNode& n, const YamlAt& at, const ServiceContext&) {
    auto v = readString(n, at);
    if (!v) return false;
    auto colon = v->find(':');
    std::string name = v->substr(0, colon);
    if (name != "no" && name != "always" && name != "unless-stopped" && name != "on-failure") {
        at.fail(n, "restart must be no, always, unless-stopped or on-failure[:max]");
        return false;
    }
    s.container.restartPolicy = name;
    if (colon != std::string::npos && name == "on-failure") s.container.restartMaxRetries = std::atoi(v->c_str() + colon + 1);
    return true;
}

const std::map<std::string, Reader>& readers() {
    static const std::map<std::string, Reader> table = {
        {"image", stringInto(&containers::ContainerConfig::image)},
        {"user", stringInto(&containers::ContainerConfig::user)},
        {"build", readBuild},
        {"container_name", [](ServiceSpec& s, const YamlNode& n, const YamlAt& at, const ServiceContext&) {
             return field(n, at, readString, [&](const std::string& v) { s.containerName = v; });
         }},
        {"command", [](ServiceSpec& s, const YamlNode& n, const YamlAt& at, const ServiceContext&) {
             return readCommand(s.container.command, n, at);
         }},
        {"entrypoint", [](ServiceSpec& s, const YamlNode& n, const YamlAt& at, const ServiceContext&) {
             return readCommand(s.container.entrypoint, n, at);
         }},
        {"environment", readEnvironment},
        {"env_file", [](ServiceSpec&, const YamlNode&, const YamlAt&, const ServiceContext&) { return true; }},  // read first, in loadService
        {"ports", [](ServiceSpec& s, const YamlNode& n, const YamlAt& at, const ServiceContext&) {
             return field(n, at, readPorts, [&](const auto& v) { s.container.ports = v; });
         }},
        {"expose", engineValue(false, "ExposedPorts", readExpose)},
        {"volumes", [](ServiceSpec& s, const YamlNode& n, const YamlAt& at, const ServiceContext& ctx) {
             auto v = readVolumes(n, at, ctx.bind);
             if (v) s.container.mounts.insert(s.container.mounts.end(), v->begin(), v->end());
             return v.has_value();
         }},
        {"tmpfs", [](ServiceSpec& s, const YamlNode& n, const YamlAt& at, const ServiceContext&) {
             return field(n, at, readTmpfs, [&](const auto& v) { s.container.mounts.insert(s.container.mounts.end(), v.begin(), v.end()); });
         }},
        {"networks", [](ServiceSpec& s, const YamlNode& n, const YamlAt& at, const ServiceContext&) {
             return field(n, at, readServiceNetworks, [&](const auto& v) { s.networks = v; });
         }},
        {"network_mode", stringInto(&containers::ContainerConfig::networkMode)},
        {"pid", stringInto(&containers::ContainerConfig::pidMode)},
        {"ipc", stringInto(&containers::ContainerConfig::ipcMode)},
        {"depends_on", [](ServiceSpec& s, const YamlNode& n, const YamlAt& at, const ServiceContext&) {
             return field(n, at, readDependsOn, [&](const auto& v) { s.dependsOn = v; });
         }},
        {"healthcheck", [](ServiceSpec& s, const YamlNode& n, const YamlAt& at, const ServiceContext&) {
             return field(n, at, readHealthcheck, [&](const auto& v) { s.container.healthcheck = v; });
         }},
        {"restart", readRestart},
        {"labels", [](ServiceSpec& s, const YamlNode& n, const YamlAt& at, const ServiceContext&) {
             return field(n, at, [](const YamlNode& x, const YamlAt& a) { return readPairs(x, a, std::string()); },
                          [&](const auto& v) { for (const auto& [k, val] : v) s.container.labels[k] = val; });
         }},
        {"deploy", [](ServiceSpec& s, const YamlNode& n, const YamlAt& at, const ServiceContext&) { return readDeploy(s, n, at); }},
        {"mem_limit", [](ServiceSpec& s, const YamlNode& n, const YamlAt& at, const ServiceContext&) {
             return field(n, at, readBytes, [&](std::int64_t v) { s.container.memory = v; });
         }},
        {"cpus", [](ServiceSpec& s, const YamlNode& n, const YamlAt& at, const ServiceContext&) {
             return field(n, at, readNumber, [&](double v) { s.container.cpus = v; });
         }},
        {"mem_reservation", engineValue(true, "MemoryReservation", asJson<std::int64_t>(readBytes))},
        {"memswap_limit", engineValue(true, "MemorySwap", [](const YamlNode& n, const YamlAt& at) -> std::optional<nlohmann::json> {
             if (n.isScalar() && n.text == "-1") return nlohmann::json(-1);  // unlimited swap
             return asJson<std::int64_t>(readBytes)(n, at);
         })},
        {"cpu_shares", engineValue(true, "CpuShares", asJson<std::int64_t>(readInt))},
        {"pids_limit", engineValue(true, "PidsLimit", asJson<std::int64_t>(readInt))},
        {"shm_size", engineValue(true, "ShmSize", asJson<std::int64_t>(readBytes))},
        {"init", engineValue(true, "Init", asJson<bool>(readBool))},
        {"read_only", engineValue(true, "ReadonlyRootfs", asJson<bool>(readBool))},
        {"stdin_open", engineValue(false, "OpenStdin", asJson<bool>(readBool))},
        {"tty", engineValue(false, "Tty", asJson<bool>(readBool))},
        {"working_dir", engineValue(false, "WorkingDir", asJson<std::string>(readString))},
        {"hostname", engineValue(false, "Hostname", asJson<std::string>(readString))},
        {"domainname", engineValue(false, "Domainname", asJson<std::string>(readString))},
        {"stop_signal", engineValue(false, "StopSignal", asJson<std::string>(readString))},
        {"stop_grace_period", engineValue(false, "StopTimeout", [](const YamlNode& n, const YamlAt& at) -> std::optional<nlohmann::json> {
             auto ns = readDurationNs(n, at);
             if (!ns) return std::nullopt;
             return nlohmann::json((*ns + 999'999'999) / 1'000'000'000);
         })},
        {"extra_hosts", engineValue(true, "ExtraHosts", readExtraHosts)},
        {"cap_add", [](ServiceSpec& s, const YamlNode& n, const YamlAt& at, const ServiceContext&) {
             return field(n, at, readStringList, [&](const auto& v) { s.container.capAdd = v; });
         }},
        {"cap_drop", engineValue(true, "CapDrop", asJson<std::vector<std::string>>(readStringList))},
        {"devices", [](ServiceSpec& s, const YamlNode& n, const YamlAt& at, const ServiceContext&) {
             return field(n, at, readStringList, [&](const auto& v) { s.container.devices = v; });
         }},
        {"security_opt", [](ServiceSpec& s, const YamlNode& n, const YamlAt& at, const ServiceContext&) {
             return field(n, at, readStringList, [&](const auto& v) { s.container.securityOpt = v; });
         }},
        {"privileged", [](ServiceSpec& s, const YamlNode& n, const YamlAt& at, const ServiceContext&) {
             return field(n, at, readBool, [&](bool v) { s.container.privileged = v; });
         }},
        {"dns", engineValue(true, "Dns", asJson<std::vector<std::string>>(readStringList))},
        {"dns_search", engineValue(true, "DnsSearch", asJson<std::vector<std::string>>(readStringList))},
        {"group_add", engineValue(true, "GroupAdd", asJson<std::vector<std::string>>(readStringList))},
        {"logging", engineValue(true, "LogConfig", readLogging)},
        {"ulimits", engineValue(true, "Ulimits", readUlimits)},
        {"sysctls", engineValue(true, "Sysctls", [](const YamlNode& n, const YamlAt& at) -> std::optional<nlohmann::json> {
             auto pairs = readPairs(n, at, std::nullopt);
             if (!pairs) return std::nullopt;
             nlohmann::json out = nlohmann::json::object();
             for (const auto& [k, v] : *pairs) out[k] = v;
             return out;
         })},
        {"profiles", [](ServiceSpec& s, const YamlNode& n, const YamlAt& at, const ServiceContext&) {
             return field(n, at, readStringList, [&](const auto& v) { s.profiles = v; });
         }},
        {"secrets", [](ServiceSpec& s, const YamlNode& n, const YamlAt& at, const ServiceContext&) {
             return field(n, at, [](const YamlNode& x, const YamlAt& a) { return readServiceFiles(x, a, "/run/secrets/"); },
                          [&](const auto& v) { s.secrets = v; });
         }},
        {"configs", [](ServiceSpec& s, const YamlNode& n, const YamlAt& at, const ServiceContext&) {
             return field(n, at, [](const YamlNode& x, const YamlAt& a) { return readServiceFiles(x, a, "/"); },
                          [&](const auto& v) { s.configs = v; });
         }},
        {"pull_policy", [](ServiceSpec& s, const YamlNode& n, const YamlAt& at, const ServiceContext&) {
             return field(n, at, readString, [&](const std::string& v) { s.pullPolicy = v; });
         }},
    };
    return table;
}

// env_file entries come before `environment:`, which overrides them, whatever their order in the file.
bool readEnvFiles(ServiceSpec& s, const YamlNode& n, const YamlAt& at, const ServiceContext& ctx) {
    auto files = readEnvFileList(n, at);
    if (!files) return false;
    for (const auto& [path, required] : *files) {
        std::filesystem::path resolved = hostPathUnder(ctx.bind.stackDir, path);
        std::error_code ec;  // a directory (or no path at all) opens but is no env file
        auto text = path.empty() || std::filesystem::is_directory(resolved, ec) ? std::nullopt : readWholeFile(resolved);
        if (!text) {
            if (required) at.fail(n, "env_file " + resolved.string() + " cannot be read");
            if (required) return false;
            continue;
        }
        try {
            for (const auto& e : parseDotenv(*text)) setEnv(s.container.env, e.key, e.value);
        } catch (const DotenvError& e) {
            at.issues.add({resolved.string(), e.line(), "", e.what()});
            return false;
        }
    }
    return true;
}

std::string unsupported(const std::string& key) {
    if (key == "extends") return "`extends` is not supported yet (it may come later): copy the service's keys, or use an anchor and `<<:`";
    if (key == "scale") return "`scale` is not supported yet: declare one service per instance";
    return "unknown key \"" + key + "\" in a service (keys outside compose's supported subset are refused, not ignored)";
}

}  // namespace

std::optional<ServiceSpec> loadService(const YamlEntry& entry, const YamlAt& at, const ServiceContext& ctx) {
    ServiceSpec s;
    s.name = entry.key;
    s.line = entry.keyLine;
    const auto* keys = readMapping(entry.value, at);
    if (!keys) return std::nullopt;
    bool ok = true;
    if (const YamlNode* envFile = entry.value.find("env_file")) ok = readEnvFiles(s, *envFile, at.child("env_file"), ctx);
    for (const YamlEntry& e : *keys) {
        if (e.key.rfind("x-", 0) == 0) continue;
        auto reader = readers().find(e.key);
        if (reader == readers().end()) {
            at.issues.add(e.keyLine, at.key + "." + e.key, unsupported(e.key));
            ok = false;
        } else if (!e.value.isNull() || e.key == "command" || e.key == "entrypoint") {
            ok = reader->second(s, e.value, at.child(e.key), ctx) && ok;
        }
    }
    if (ok && s.container.image.empty() && !s.build) {
        at.fail(entry.value, "a service needs `image` or `build`");
        ok = false;
    }
    return ok ? std::optional(std::move(s)) : std::nullopt;
}

}  // namespace rivetr::stacks
