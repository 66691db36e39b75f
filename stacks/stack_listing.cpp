// The stacks list and a stack's detail: Rivetr's stack directories joined with the compose projects the engine runs, so projects started elsewhere show up too.
#include <algorithm>
#include <map>

#include "core/text.hpp"
#include "stacks/compose_labels.hpp"
#include "stacks/stack_service.hpp"
#include "stacks/yaml_tree.hpp"

namespace rivetr::stacks {
namespace {

std::vector<std::string> declaredServices(const std::string& compose) {
    std::vector<std::string> out;
    try {
        YamlNode root = parseYaml(compose);
        if (const YamlNode* services = root.find("services"))
            for (const YamlEntry& e : services->entries) out.push_back(e.key);
    } catch (const YamlSyntaxError&) {
        // An unparsable file still lists; its services are what the engine runs.
    }
    return out;
}

// Every compose project on the engine, by its label (one-off `run` containers left out).
std::map<std::string, std::vector<runtime::ContainerSummary>> projectsOnEngine(runtime::ContainerRuntime& engine) {
    std::map<std::string, std::vector<runtime::ContainerSummary>> out;
    for (auto& c : engine.queryContainers(labels::projectQuery("")))
        if (labels::valueOf(c, labels::kOneoff) != "True") out[labels::valueOf(c, labels::kProject)].push_back(std::move(c));
    return out;
}

// A project started elsewhere names its file in a label any container may carry, so the label alone must not
// let a caller read an arbitrary file through Rivetr (config_files=/etc/shadow): only an absolute path to a
// regular file (not a link) named as compose names its files, at most 1 MiB, is read.
std::optional<std::string> readAdoptedComposeFile(const std::string& path) {
    namespace fs = std::filesystem;
    std::error_code ec;
    fs::path p(path);
    const auto& names = StackFiles::composeFileNames();
    if (!p.is_absolute() || std::find(names.begin(), names.end(), p.filename().string()) == names.end()) return std::nullopt;
    auto status = fs::symlink_status(p, ec);
    if (ec || !fs::is_regular_file(status) || fs::file_size(p, ec) > (1u << 20) || ec) return std::nullopt;
    return readWholeFile(p);
}

std::string firstConfigFile(const std::vector<runtime::ContainerSummary>& containers) {
    for (const auto& c : containers) {
        std::string files = labels::valueOf(c, labels::kConfigFiles);
        if (!files.empty()) return files.substr(0, files.find(','));
    }
    return {};
}

std::string statusOf(int running, int containers, std::size_t services) {
    if (containers == 0) return "not_deployed";
    if (running == 0) return "stopped";
    return static_cast<std::size_t>(running) >= services ? "running" : "partial";
}

}  // namespace

StackSummary StackService::summarise(const std::string& name, const std::string& source, const std::string& configFile,
                                     const std::optional<std::string>& compose, const std::vector<runtime::ContainerSummary>& containers) {
    auto last = repo_.revisions(name, 1);
    StackSummary s{name, source, configFile, {}, 0, "", last.empty() ? std::nullopt : std::optional(last.front())};
    std::vector<std::string> services;
    if (compose) services = declaredServices(*compose);
    for (const auto& c : containers)
        if (std::find(services.begin(), services.end(), labels::valueOf(c, labels::kService)) == services.end()) services.push_back(labels::valueOf(c, labels::kService));
    for (const auto& service : services) {
        StackServiceState st{service, "", "", "", "", ""};
        for (const auto& c : containers) {
            if (labels::valueOf(c, labels::kService) != service) continue;
            st = {service, labels::nameOf(c), c.id, c.image, c.state, ""};
            if (c.status.find("(healthy)") != std::string::npos) st.health = "healthy";
            else if (c.status.find("(unhealthy)") != std::string::npos) st.health = "unhealthy";
            else if (c.status.find("(health: starting)") != std::string::npos) st.health = "starting";
            s.running += c.state == "running" ? 1 : 0;
        }
        s.services.push_back(std::move(st));
    }
    s.status = statusOf(s.running, static_cast<int>(containers.size()), s.services.size());
    return s;
}

std::vector<StackSummary> StackService::list() {
    auto projects = projectsOnEngine(engine());
    std::vector<StackSummary> out;
    for (const auto& name : files_.list()) {
        auto files = files_.read(name);
        std::string config = files ? (files->directory / files->composeFile).string() : "";
        out.push_back(summarise(name, "rivetr", config, files ? std::optional(files->compose) : std::nullopt, projects[name]));
        projects.erase(name);
    }
    for (const auto& [name, containers] : projects) {
        std::string config = firstConfigFile(containers);
        auto text = readAdoptedComposeFile(config);
        out.push_back(summarise(name, text ? "adopted" : "external", config, text, containers));
    }
    std::sort(out.begin(), out.end(), [](const StackSummary& a, const StackSummary& b) { return a.name < b.name; });
    return out;
}

StackDetail StackService::get(const std::string& name) {
    if (name.empty()) throw StackError(400, "invalid_stack_name", "a stack name is required", "name");
    auto containers = engine().queryContainers(labels::projectQuery(name));
    StackDetail d;
    if (auto files = files_.read(name)) {
        d.summary = summarise(name, "rivetr", (files->directory / files->composeFile).string(), files->compose, containers);
        d.composeFile = files->composeFile;
        d.compose = files->compose;
        d.envFile = files->env;
        d.vars = repo_.vars(name);
        d.deployed = repo_.deployedRevision(name);
        return d;
    }
    if (containers.empty()) throw StackError(404, "stack_not_found", "no stack \"" + name + "\"", "name");
    std::string config = firstConfigFile(containers);
    auto text = readAdoptedComposeFile(config);
    d.summary = summarise(name, text ? "adopted" : "external", config, text, containers);
    d.composeFile = std::filesystem::path(config).filename().string();
    d.compose = text.value_or("");
    return d;
}

}  // namespace rivetr::stacks
