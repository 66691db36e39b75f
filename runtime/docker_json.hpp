// Translation between the runtime's typed structs and the Docker Engine API's JSON (also Podman's compat API).
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "runtime/engine_dialect.hpp"
#include "runtime/runtime_types.hpp"
#include "runtime/stats_math.hpp"

namespace rivetr::runtime {

using Json = nlohmann::json;

// Checks the spec (names, env keys, ports, limits) and builds the POST /containers/create body.
// Throws RuntimeError{InvalidArgument} before anything reaches the engine. Only the first network is
// attached at create (API 1.41 takes one); the adapter connects the others before start.
Json containerCreateBody(const ContainerSpec& spec, const EngineDialect& dialect);
void validateName(const std::string& name, const char* what);
// Image references reach URL paths: letters, digits and the separators a reference may hold, no "..".
// Returns `ref`; throws RuntimeError{InvalidArgument}.
const std::string& checkedImageRef(const std::string& ref);

ContainerInfo parseContainerInspect(const Json& j);
ContainerSummary parseContainerSummary(const Json& j);
std::vector<MountPoint> parseMountPoints(const Json& mounts);  // a container list entry's "Mounts"
// One stats object; CPU % from its own precpu_stats (zero when the engine sent none).
Stats parseStats(const Json& j);
CpuSample cpuSampleOf(const Json& cpuStats);
ImageInfo parseImage(const Json& j);  // list or inspect form
VolumeInfo parseVolume(const Json& j);
NetworkInfo parseNetwork(const Json& j);
Event parseEvent(const Json& j);
EngineInfo parseInfo(const Json& j);
ImageRemoval parseImageRemoval(const Json& j);  // DELETE /images/{name}: [{"Untagged"}, {"Deleted"}]
ImageLayer parseImageLayer(const Json& j);      // one entry of GET /images/{name}/history
DiskUsage parseDiskUsage(const Json& j);        // GET /system/df (docker_disk_usage.cpp)
std::map<std::string, VolumeUsage> parseVolumeUsage(const Json& df);  // its Volumes part, by name
PruneResult parsePrune(const Json& j, const char* listKey, const char* idKey);

}  // namespace rivetr::runtime
