// Compose mounts: the one place a file's relative and `~` paths become host paths, so they never resolve inside Rivetr (portainer#2368).
#include "stacks/service_volumes.hpp"

#include "core/comma_list.hpp"

namespace rivetr::stacks {
namespace {

using containers::MountSpec;
namespace fs = std::filesystem;

std::string resolveHostPath(const std::string& source, const BindContext& ctx) {
    if (source == "~") return hostPathUnder(ctx.homeDir, ".");
    if (source.rfind("~/", 0) == 0) return hostPathUnder(ctx.homeDir, source.substr(2));
    return hostPathUnder(ctx.stackDir, source);
}

// A missing bind source: a directory under the stack directory is created by the deploy; anything
// else would become an empty directory in the engine's hands, so it is refused now.
bool acceptMissing(const std::string& resolved, const BindContext& ctx, std::string& error) {
    fs::path path(resolved);
    auto rel = path.lexically_relative(ctx.stackDir);
    bool underStack = !rel.empty() && *rel.begin() != "..";
    if (underStack && !path.has_extension()) {
        if (ctx.createDirectories) ctx.createDirectories->push_back(resolved);
        return true;
    }
    error = "bind source " + resolved + " does not exist" +
            (underStack ? ": create the file first (a missing file would be mounted as an empty directory)" : "");
    return false;
}

bool checkBind(MountSpec& m, const BindContext& ctx, std::string& error) {
    m.source = resolveHostPath(m.source, ctx);
    if (!ctx.exists || ctx.exists(m.source)) return true;
    return acceptMissing(m.source, ctx, error);
}

std::optional<MountSpec> shortForm(const std::string& text, const BindContext& ctx, std::string& error) {
    MountSpec m;
    std::vector<std::string> parts;
    for (std::size_t start = 0;;) {
        auto colon = text.find(':', start);
        parts.push_back(text.substr(start, colon == std::string::npos ? std::string::npos : colon - start));
        if (colon == std::string::npos) break;
        start = colon + 1;
    }
    if (parts.size() > 3 || parts[0].empty()) {
        error = "expected [source:]target[:mode]";
        return std::nullopt;
    }
    if (const std::string& target = parts[parts.size() == 1 ? 0 : 1]; target.empty() || target.front() != '/') {
        error = "target must be an absolute path in the container";
        return std::nullopt;
    }
    if (parts.size() == 1) return MountSpec{"volume", "", parts[0], false, {}, {}};
    m.source = parts[0];
    m.target = parts[1];
    m.type = isHostPath(m.source) ? "bind" : "volume";
    for (const std::string& mode : parts.size() == 3 ? splitCommaList(parts[2]) : std::vector<std::string>{}) {
        if (mode == "ro") m.readOnly = true;
        else if (mode == "z" || mode == "Z") continue;  // SELinux relabelling: Mounts has no field for it, Debian runs without SELinux
        else if (mode == "nocopy") m.engineExtra["VolumeOptions"]["NoCopy"] = true;
        else if (mode != "rw") {
            error = "unknown mount mode \"" + mode + "\" (ro, rw, z, Z or nocopy)";
            return std::nullopt;
        }
    }
    if (m.type == "bind" && !checkBind(m, ctx, error)) return std::nullopt;
    return m;
}

bool readLongOptions(MountSpec& m, const YamlEntry& e, const YamlAt& at) {
    const YamlAt here = at.child(e.key);
    const auto* options = readMapping(e.value, here);
    if (!options) return false;
    for (const YamlEntry& o : *options) {
        if (o.key.rfind("x-", 0) == 0) continue;
        const YamlAt opt = here.child(o.key);
        if (e.key == "volume" && o.key == "nocopy") {
            auto v = readBool(o.value, opt);
            if (!v) return false;
            m.engineExtra["VolumeOptions"]["NoCopy"] = *v;
        } else if (e.key == "tmpfs" && o.key == "size") {
            auto v = readBytes(o.value, opt);
            if (!v) return false;
            m.engineExtra["TmpfsOptions"]["SizeBytes"] = *v;
        } else if (e.key == "tmpfs" && o.key == "mode") {
            auto v = readInt(o.value, opt);
            if (!v) return false;
            m.engineExtra["TmpfsOptions"]["Mode"] = *v;
        } else if (e.key == "bind" && (o.key == "propagation" || o.key == "create_host_path" || o.key == "selinux")) {
            auto v = readString(o.value, opt);
            if (!v) return false;
            if (o.key == "propagation") m.engineExtra["BindOptions"]["Propagation"] = *v;
        } else {
            at.issues.add(o.keyLine, opt.key, "unknown key \"" + o.key + "\" in " + e.key + " options");
            return false;
        }
    }
    return true;
}

std::optional<MountSpec> longForm(const YamlNode& node, const YamlAt& at, const BindContext& ctx) {
    MountSpec m;
    for (const YamlEntry& e : node.entries) {
        const YamlAt here = at.child(e.key);
        bool ok = true;
        if (e.key.rfind("x-", 0) == 0) continue;  // extensions are allowed in a mount, as everywhere
        if (e.key == "type" || e.key == "source" || e.key == "target") {
            auto v = readString(e.value, here);
            ok = v.has_value();
            if (ok) (e.key == "type" ? m.type : e.key == "source" ? m.source : m.target) = *v;
        } else if (e.key == "read_only") {
            auto v = readBool(e.value, here);
            ok = v.has_value();
            m.readOnly = v.value_or(false);
        } else if (e.key == "volume" || e.key == "bind" || e.key == "tmpfs") {
            ok = readLongOptions(m, e, at);
        } else if (e.key != "consistency") {
            at.issues.add(e.keyLine, here.key, "unknown key \"" + e.key + "\" in a volume");
            ok = false;
        }
        if (!ok) return std::nullopt;
    }
    std::string error;
    if (m.type != "volume" && m.type != "bind" && m.type != "tmpfs") error = "type must be volume, bind or tmpfs";
    else if (m.target.empty() || m.target.front() != '/') error = "target must be an absolute path in the container";
    else if (m.type == "bind" && m.source.empty()) error = "a bind mount needs `source`";
    else if (m.type == "bind") checkBind(m, ctx, error);
    if (!error.empty()) {
        at.fail(node, error);
        return std::nullopt;
    }
    return m;
}

}  // namespace

std::string hostPathUnder(const std::filesystem::path& base, const std::string& path) {
    fs::path p = (!path.empty() && path.front() == '/' ? fs::path(path) : base / path).lexically_normal();
    if (!p.has_filename() && p.has_parent_path() && p != p.root_path()) p = p.parent_path();
    return p.string();
}

bool isHostPath(const std::string& source) {
    return !source.empty() && (source.front() == '/' || source.front() == '.' || source.front() == '~' ||
                               source.find('/') != std::string::npos);
}

std::optional<std::vector<MountSpec>> readVolumes(const YamlNode& node, const YamlAt& at, const BindContext& ctx) {
    if (!node.isSequence()) {
        at.fail(node, "expected a list of volumes");
        return std::nullopt;
    }
    std::vector<MountSpec> out;
    for (std::size_t i = 0; i < node.items.size(); ++i) {
        const YamlNode& item = node.items[i];
        std::optional<MountSpec> m;
        if (item.isMapping()) {
            m = longForm(item, at.item(i), ctx);
        } else if (auto text = readString(item, at.item(i))) {
            std::string error;
            m = shortForm(*text, ctx, error);
            if (!m) at.item(i).fail(item, error);
        }
        if (!m) return std::nullopt;
        out.push_back(std::move(*m));
    }
    return out;
}

std::optional<std::vector<MountSpec>> readTmpfs(const YamlNode& node, const YamlAt& at) {
    auto paths = readStringList(node, at);
    if (!paths) return std::nullopt;
    std::vector<MountSpec> out;
    for (const std::string& p : *paths) {
        std::string target = p.substr(0, p.find(':'));
        if (target.empty() || target.front() != '/') {
            at.fail(node, "tmpfs path \"" + p + "\" is not absolute");
            return std::nullopt;
        }
        out.push_back(MountSpec{"tmpfs", "", target, false, {}, {}});
    }
    return out;
}

}  // namespace rivetr::stacks
