// The Docker adapter's images, volumes and networks; prunes touch only Rivetr-labelled objects by default.
#include "runtime/docker_json.hpp"
#include "runtime/docker_runtime.hpp"
#include "runtime/prune_passes.hpp"
#include "runtime/naming.hpp"

namespace rivetr::runtime {
namespace {

// Never prune blind: no filter means "what Rivetr made" (coolify#11582 lost users' images to a global prune).
LabelFilter pruneFilter(const LabelFilter& labels) { return labels.empty() ? rivetrFilter() : labels; }


bool hasLabels(const Labels& have, const LabelFilter& want) {
    for (const auto& [k, v] : want) {
        auto it = have.find(k);
        if (it == have.end() || (!v.empty() && it->second != v)) return false;
    }
    return true;
}

}  // namespace

std::vector<ImageInfo> DockerRuntime::listImages(const LabelFilter& labels) {
    LabelFilter sent = labels;
    if (!dialect_.imageLabelFiltersAnd && sent.size() > 1) sent = {*labels.begin()};
    std::vector<ImageInfo> out;
    Json list = expectOk("GET", "/images/json?filters=" + labelFilters(sent));
    if (list.is_array())
        for (const auto& i : list) {
            ImageInfo info = parseImage(i);
            if (hasLabels(info.labels, labels)) out.push_back(std::move(info));
        }
    return out;
}

ImageInfo DockerRuntime::inspectImage(const std::string& ref) {
    return parseImage(expectOk("GET", "/images/" + dialect_.imagePathRef(checkedImageRef(ref)) + "/json", std::nullopt, ObjectKind::Image));
}

Json DockerRuntime::inspectImageJson(const std::string& ref) {
    return expectOk("GET", "/images/" + dialect_.imagePathRef(checkedImageRef(ref)) + "/json", std::nullopt, ObjectKind::Image);
}

void DockerRuntime::tagImage(const std::string& ref, const std::string& repo, const std::string& tag) {
    checkedImageRef(repo);
    validateName(tag, "tag");
    expectOk("POST", "/images/" + dialect_.imagePathRef(checkedImageRef(ref)) + "/tag?repo=" + percentEncode(repo) + "&tag=" + percentEncode(tag), std::nullopt,
             ObjectKind::Image);
}

ImageRemoval DockerRuntime::removeImage(const std::string& ref, bool force) {
    return parseImageRemoval(expectOk("DELETE", "/images/" + dialect_.imagePathRef(checkedImageRef(ref)) + "?force=" + (force ? "1" : "0"), std::nullopt, ObjectKind::Image));
}

PruneResult DockerRuntime::pruneImages(const LabelFilter& labels) {
    if (!dialect_.imageLabelFiltersAnd && pruneFilter(labels).size() > 1) return pruneImagesOneByOne(pruneFilter(labels));
    // dangling=false: unused tagged images too (old deployments), still only within the label filter.
    Json r = expectOk("POST", "/images/prune?filters=" + labelFilters(pruneFilter(labels), {{"dangling", "false"}}),
                      std::nullopt, ObjectKind::Other, std::chrono::minutes(5));
    return parsePrune(r, "ImagesDeleted", "Deleted");
}

PruneResult DockerRuntime::pruneImagesOneByOne(const LabelFilter& labels) {
    return removeInPasses(listImages(labels), [this](const ImageInfo& image) {
        try {
            removeImage(image.id, false);
            return true;
        } catch (const RuntimeError& e) {
            if (e.kind() != ErrorKind::Conflict && e.kind() != ErrorKind::EngineError) throw;
            return false;  // in use, or an image built on it is still there
        }
    });
}

std::vector<VolumeInfo> DockerRuntime::listVolumes(const LabelFilter& labels) {
    std::vector<VolumeInfo> out;
    Json r = expectOk("GET", "/volumes?filters=" + labelFilters(labels));
    if (r.is_object() && r.contains("Volumes") && r["Volumes"].is_array())
        for (const auto& v : r["Volumes"]) out.push_back(parseVolume(v));
    return out;
}

VolumeInfo DockerRuntime::inspectVolume(const std::string& name) {
    validateName(name, "volume");
    return parseVolume(expectOk("GET", "/volumes/" + name));
}

Json DockerRuntime::inspectVolumeJson(const std::string& name) {
    validateName(name, "volume");
    return expectOk("GET", "/volumes/" + name);
}

VolumeInfo DockerRuntime::createVolume(const VolumeSpec& spec) {
    validateName(spec.name, "volume");
    validateName(spec.driver, "volume driver");
    Json body{{"Name", spec.name}, {"Driver", spec.driver}, {"Labels", spec.labels}, {"DriverOpts", spec.driverOpts}};
    return parseVolume(expectOk("POST", "/volumes/create", body));
}

std::map<std::string, VolumeUsage> DockerRuntime::volumeUsage() {
    // The engine measures every volume (and every layer: API 1.41 has no ?type=volume) for this.
    return parseVolumeUsage(expectOk("GET", "/system/df", std::nullopt, ObjectKind::Other, std::chrono::minutes(2)));
}

void DockerRuntime::removeVolume(const std::string& name, bool force) {
    validateName(name, "volume");
    expectOk("DELETE", "/volumes/" + name + "?force=" + (force ? "1" : "0"));
}

PruneResult DockerRuntime::pruneVolumes(const LabelFilter& labels) {
    Json r = expectOk("POST", "/volumes/prune?filters=" + labelFilters(pruneFilter(labels)), std::nullopt,
                      ObjectKind::Other, std::chrono::minutes(5));
    return parsePrune(r, "VolumesDeleted", "Name");
}

std::vector<NetworkInfo> DockerRuntime::listNetworks(const LabelFilter& labels) {
    std::vector<NetworkInfo> out;
    Json list = expectOk("GET", "/networks?filters=" + labelFilters(labels));
    if (list.is_array())
        for (const auto& n : list) out.push_back(parseNetwork(n));
    return out;
}

NetworkInfo DockerRuntime::inspectNetwork(const std::string& idOrName) {
    validateName(idOrName, "network");
    return parseNetwork(expectOk("GET", "/networks/" + idOrName));
}

NetworkInfo DockerRuntime::createNetwork(const NetworkSpec& spec) {
    validateName(spec.name, "network");
    Json body = {{"Name", spec.name},         {"Labels", spec.labels},         {"Internal", spec.internal},
                 {"Driver", spec.driver},     {"Attachable", spec.attachable}, {"CheckDuplicate", true},
                 {"Options", spec.options}};
    if (!spec.subnet.empty()) {
        Json pool = {{"Subnet", spec.subnet}};
        if (!spec.gateway.empty()) pool["Gateway"] = spec.gateway;
        if (!spec.ipRange.empty()) pool["IPRange"] = spec.ipRange;
        body["IPAM"] = {{"Driver", "default"}, {"Config", Json::array({pool})}};
    }
    Json created = expectOk("POST", "/networks/create", body);
    return inspectNetwork(created.value("Id", spec.name));
}

void DockerRuntime::removeNetwork(const std::string& idOrName) {
    validateName(idOrName, "network");
    expectOk("DELETE", "/networks/" + idOrName);
}

void DockerRuntime::connectNetwork(const std::string& network, const std::string& container,
                                   const std::vector<std::string>& aliases) {
    validateName(network, "network");
    validateName(container, "container");
    Json body = {{"Container", container}, {"EndpointConfig", {{"Aliases", aliases}}}};
    expectOk("POST", "/networks/" + network + "/connect", body);
}

void DockerRuntime::connectEndpoint(const std::string& network, const std::string& container,
                                    const EndpointSettings& e) {
    validateName(network, "network");
    validateName(container, "container");
    Json endpoint = {{"Aliases", e.aliases}};
    if (!e.ipv4Address.empty()) endpoint["IPAMConfig"]["IPv4Address"] = e.ipv4Address;
    if (!e.ipv6Address.empty()) endpoint["IPAMConfig"]["IPv6Address"] = e.ipv6Address;
    expectOk("POST", "/networks/" + network + "/connect", Json{{"Container", container}, {"EndpointConfig", endpoint}});
}

void DockerRuntime::disconnectNetwork(const std::string& network, const std::string& container, bool force) {
    validateName(network, "network");
    validateName(container, "container");
    expectOk("POST", "/networks/" + network + "/disconnect", Json{{"Container", container}, {"Force", force}});
}

PruneResult DockerRuntime::pruneNetworks(const LabelFilter& labels) {
    Json r = expectOk("POST", "/networks/prune?filters=" + labelFilters(pruneFilter(labels)));
    return parsePrune(r, "NetworksDeleted", "Name");
}

}  // namespace rivetr::runtime
