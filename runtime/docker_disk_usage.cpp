// GET /system/df read into docker's four summary lines, with the reclaimable figures `docker system df` prints.
#include "runtime/docker_json.hpp"

namespace rivetr::runtime {
namespace {

const Json& listOf(const Json& j, const char* key) {
    static const Json empty = Json::array();
    auto it = j.find(key);
    return (it != j.end() && it->is_array()) ? *it : empty;
}

// The engine writes -1 for a size it did not compute.
std::int64_t size(const Json& j, const char* key) {
    auto it = j.find(key);
    if (it == j.end() || !it->is_number()) return 0;
    auto v = it->get<std::int64_t>();
    return v < 0 ? 0 : v;
}

bool yes(const Json& j, const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_boolean() && it->get<bool>();
}

// Images share layers, so their sizes do not add up: the total is the layer store's size, and what
// images in use hold (their size minus what they share) is what a prune cannot free.
DiskUsageCategory images(const Json& df) {
    DiskUsageCategory c;
    std::int64_t held = 0;
    for (const auto& i : listOf(df, "Images")) {
        ++c.total;
        if (size(i, "Containers") > 0) {
            ++c.active;
            held += size(i, "Size") - size(i, "SharedSize");
        }
    }
    c.sizeBytes = size(df, "LayersSize");
    c.reclaimableBytes = std::max<std::int64_t>(0, c.sizeBytes - held);
    return c;
}

// A container's own size is its writable layer; a stopped container's can be freed.
DiskUsageCategory containers(const Json& df) {
    DiskUsageCategory c;
    for (const auto& k : listOf(df, "Containers")) {
        ++c.total;
        bool running = k.value("State", "") == "running";
        c.active += running ? 1 : 0;
        c.sizeBytes += size(k, "SizeRw");
        if (!running) c.reclaimableBytes += size(k, "SizeRw");
    }
    return c;
}

DiskUsageCategory volumes(const Json& df) {
    DiskUsageCategory c;
    for (const auto& v : listOf(df, "Volumes")) {
        ++c.total;
        static const Json none = Json::object();
        const Json& usage = v.contains("UsageData") && v["UsageData"].is_object() ? v["UsageData"] : none;
        bool used = size(usage, "RefCount") > 0;
        c.active += used ? 1 : 0;
        c.sizeBytes += size(usage, "Size");
        if (!used) c.reclaimableBytes += size(usage, "Size");
    }
    return c;
}

// Shared cache records are counted once, through the records that own them.
DiskUsageCategory buildCache(const Json& df) {
    DiskUsageCategory c;
    for (const auto& b : listOf(df, "BuildCache")) {
        ++c.total;
        c.active += yes(b, "InUse") ? 1 : 0;
        if (yes(b, "Shared")) continue;
        c.sizeBytes += size(b, "Size");
        if (!yes(b, "InUse")) c.reclaimableBytes += size(b, "Size");
    }
    return c;
}

}  // namespace

std::map<std::string, VolumeUsage> parseVolumeUsage(const Json& df) {
    std::map<std::string, VolumeUsage> out;
    if (!df.is_object()) return out;
    auto known = [](const Json& usage, const char* key) -> std::int64_t {
        auto it = usage.find(key);
        return it != usage.end() && it->is_number_integer() ? std::max<std::int64_t>(-1, it->get<std::int64_t>()) : -1;
    };
    for (const auto& v : listOf(df, "Volumes")) {
        auto name = v.find("Name");
        if (name == v.end() || !name->is_string()) continue;
        auto usage = v.find("UsageData");
        if (usage == v.end() || !usage->is_object()) {
            out[name->get<std::string>()] = {};
            continue;
        }
        out[name->get<std::string>()] = {known(*usage, "Size"), known(*usage, "RefCount")};
    }
    return out;
}

DiskUsage parseDiskUsage(const Json& df) {
    if (!df.is_object()) return {};
    return {images(df), containers(df), volumes(df), buildCache(df)};
}

}  // namespace rivetr::runtime
