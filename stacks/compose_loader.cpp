// The top level of a compose file (name, services, networks, volumes, secrets, configs) and the checks across services.
#include "stacks/compose_loader.hpp"

#include <algorithm>
#include <set>

#include "stacks/compose_references.hpp"
#include "stacks/service_loader.hpp"
#include "stacks/service_volumes.hpp"
#include "stacks/yaml_read.hpp"
#include "stacks/yaml_tree.hpp"

namespace rivetr::stacks {
namespace {

// Interpolates every scalar value (never keys, as compose does); issues carry the scalar's line.
void interpolateTree(YamlNode& node, const YamlAt& at, const VariableLookup& lookup, std::vector<std::string>& unset) {
    if (node.isScalar()) {
        try {
            node.text = interpolate(node.text, lookup, &unset);
        } catch (const InterpolationError& e) {
            at.fail(node, e.what());
        }
    }
    for (std::size_t i = 0; i < node.items.size(); ++i) interpolateTree(node.items[i], at.item(i), lookup, unset);
    for (YamlEntry& e : node.entries) interpolateTree(e.value, at.child(e.key), lookup, unset);
}

YamlNode parseRoot(const ComposeSource& source) {
    try {
        YamlNode root = parseYaml(source.text);
        if (root.isMapping()) return root;
        int line = root.line;
        throw ComposeInvalid({{source.fileName, line, "", root.isNull() ? "the file is empty: it needs `services:`" : "the file must be a mapping with `services:`"}});
    } catch (const YamlSyntaxError& e) {
        throw ComposeInvalid({{source.fileName, e.line(), "", std::string("YAML: ") + e.what()}});
    }
}

std::map<std::string, std::string> stringMap(const YamlNode& node, const YamlAt& at) {
    std::map<std::string, std::string> out;
    if (auto pairs = readPairs(node, at, std::string()))
        for (auto& [k, v] : *pairs) out[k] = v;
    return out;
}

// name / external / driver / driver_opts / labels, shared by networks and volumes.
template <typename Decl>
bool readCommonDecl(Decl& d, const YamlEntry& e, const YamlAt& at) {
    if (e.key == "name") d.name = readString(e.value, at).value_or(d.name);
    else if (e.key == "external") d.external = readBool(e.value, at).value_or(false);
    else if (e.key == "driver") d.driver = readString(e.value, at).value_or("");
    else if (e.key == "driver_opts") d.driverOpts = stringMap(e.value, at);
    else if (e.key == "labels") d.labels = stringMap(e.value, at);
    else return false;
    return true;
}

bool readNetworkKey(NetworkDecl& n, const YamlEntry& e, const YamlAt& at) {
    if (readCommonDecl(n, e, at)) return true;
    if (e.key == "internal") n.internal = readBool(e.value, at).value_or(false);
    else if (e.key == "attachable") n.attachable = readBool(e.value, at).value_or(false);
    else if (e.key == "enable_ipv6") n.enableIpv6 = readBool(e.value, at).value_or(false);
    else if (e.key == "ipam") {
        if (const YamlNode* config = e.value.find("config"))
            for (std::size_t i = 0; i < config->items.size(); ++i)
                if (const YamlNode* subnet = config->items[i].find("subnet"))
                    n.subnets.push_back(readString(*subnet, at.child("config").item(i).child("subnet")).value_or(""));
    } else return false;
    return true;
}

template <typename Decl, typename ReadKey>
std::vector<Decl> readDecls(const YamlNode* node, const YamlAt& at, const std::string& project, ReadKey readKey) {
    std::vector<Decl> out;
    if (!node || node->isNull() || !readMapping(*node, at)) return out;
    for (const YamlEntry& entry : node->entries) {
        Decl d;
        d.key = entry.key;
        const YamlAt here = at.child(entry.key);
        if (!entry.value.isNull() && readMapping(entry.value, here))
            for (const YamlEntry& e : entry.value.entries)
                if (e.key.rfind("x-", 0) != 0 && !readKey(d, e, here.child(e.key)))
                    at.issues.add(e.keyLine, here.child(e.key).key, "unknown key \"" + e.key + "\" here");
        if (d.name.empty()) d.name = d.external ? d.key : project + "_" + d.key;
        out.push_back(std::move(d));
    }
    return out;
}

std::vector<FileDecl> readFileDecls(const YamlNode* node, const YamlAt& at, const std::filesystem::path& dir) {
    std::vector<FileDecl> out;
    if (!node || node->isNull() || !readMapping(*node, at)) return out;
    for (const YamlEntry& entry : node->entries) {
        const YamlAt here = at.child(entry.key);
        const YamlNode* file = entry.value.find("file");
        auto own = std::count_if(entry.value.entries.begin(), entry.value.entries.end(),
                                 [](const YamlEntry& e) { return e.key.rfind("x-", 0) != 0; });
        if (!entry.value.isMapping() || !file || own != 1) {
            here.fail(entry.value, "only file-based entries are supported here ({file: ./path})");
            continue;
        }
        if (auto path = readString(*file, here.child("file")); path && path->empty())
            here.child("file").fail(*file, "expected a path");
        else if (path)
            out.push_back({entry.key, hostPathUnder(dir, *path)});
    }
    return out;
}

const std::set<std::string>& topLevelKeys() {
    static const std::set<std::string> keys = {"version", "name", "services", "networks", "volumes", "secrets", "configs"};
    return keys;
}

void checkTopLevel(const YamlNode& root, const ComposeSource& source, const YamlAt& at) {
    for (const YamlEntry& e : root.entries) {
        if (e.key.rfind("x-", 0) == 0 || topLevelKeys().count(e.key)) continue;
        at.issues.add(e.keyLine, e.key,
                      e.key == "include" ? "`include` is not supported yet (it may come later): put the services in this file"
                                         : "unknown top-level key \"" + e.key + "\"");
    }
    if (const YamlNode* name = root.find("name"); name && name->text != source.projectName)
        at.issues.add(name->line, "name", "name \"" + name->text + "\" differs from the stack's name \"" + source.projectName +
                                              "\": remove it or name the stack \"" + name->text + "\"");
    const YamlNode* services = root.find("services");
    if (!services || !services->isMapping() || services->entries.empty())
        at.issues.add(services ? services->line : 1, "services", "a compose file needs at least one service under `services:`");
}

bool profileEnabled(const ServiceSpec& s, const std::vector<std::string>& enabled) {
    if (s.profiles.empty()) return true;
    return std::any_of(s.profiles.begin(), s.profiles.end(),
                       [&](const std::string& p) { return std::find(enabled.begin(), enabled.end(), p) != enabled.end(); });
}

std::vector<ServiceSpec> readServices(const YamlNode& root, const ComposeSource& source, const YamlAt& at,
                                      std::vector<std::string>& createDirs) {
    ServiceContext ctx;
    ctx.bind = {source.directory, source.homeDir, source.exists, &createDirs};
    // The error_code overload: a path stat() refuses (too long, no permission) is a missing source, not an exception.
    if (!ctx.bind.exists)
        ctx.bind.exists = [](const std::filesystem::path& p) {
            std::error_code ec;
            return std::filesystem::exists(p, ec);
        };
    ctx.variables = source.variables;
    std::vector<ServiceSpec> out;
    const YamlNode* services = root.find("services");
    if (!services || !services->isMapping()) return out;
    for (const YamlEntry& entry : services->entries) {
        auto service = loadService(entry, at.child("services").child(entry.key), ctx);
        if (service && profileEnabled(*service, source.profiles)) out.push_back(std::move(*service));
    }
    return out;
}

}  // namespace

ComposeProject loadCompose(const ComposeSource& source) {
    YamlNode root = parseRoot(source);
    IssueList issues(source.fileName);
    const YamlAt at{issues, ""};
    ComposeProject p;
    p.name = source.projectName;
    p.workingDir = source.directory.string();
    p.configFile = (source.directory / source.fileName).string();
    interpolateTree(root, at, source.variables, p.unsetVariables);
    checkTopLevel(root, source, at);
    p.networks = readDecls<NetworkDecl>(root.find("networks"), at.child("networks"), p.name, readNetworkKey);
    p.volumes = readDecls<VolumeDecl>(root.find("volumes"), at.child("volumes"), p.name, readCommonDecl<VolumeDecl>);
    p.secrets = readFileDecls(root.find("secrets"), at.child("secrets"), source.directory);
    p.configs = readFileDecls(root.find("configs"), at.child("configs"), source.directory);
    p.services = readServices(root, source, at, p.createDirectories);
    issues.throwIfAny();
    checkReferences(p, root, at);
    issues.throwIfAny();
    return p;
}

}  // namespace rivetr::stacks
