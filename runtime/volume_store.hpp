// The runtime seam's volume role: named volumes and their pruning.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "runtime/runtime_types.hpp"

namespace rivetr::runtime {

class VolumeStore {
public:
    virtual ~VolumeStore() = default;

    virtual std::vector<VolumeInfo> listVolumes(const LabelFilter& labels) = 0;
    virtual VolumeInfo inspectVolume(const std::string& name) = 0;
    // The engine's inspect document as it is (the Docker manager's detail shows it whole).
    virtual nlohmann::json inspectVolumeJson(const std::string& name) = 0;
    virtual VolumeInfo createVolume(const VolumeSpec& spec) = 0;
    // A local volume without driver options (what Rivetr's own code makes).
    VolumeInfo createVolume(const std::string& name, const Labels& labels) { return createVolume(VolumeSpec{name, "local", labels, {}}); }
    // The engine refuses (Conflict, naming the containers) while a container uses the volume, with
    // `force` too: force only ignores a driver's failure to remove it.
    virtual void removeVolume(const std::string& name, bool force = false) = 0;
    // Each volume's size and reference count by name, from GET /system/df (which measures every volume,
    // so it can take seconds). A volume the engine did not measure is absent or carries -1.
    virtual std::map<std::string, VolumeUsage> volumeUsage() = 0;
    // An empty filter is replaced by rivetr.managed=true, as for images.
    virtual PruneResult pruneVolumes(const LabelFilter& labels = {}) = 0;
};

}  // namespace rivetr::runtime
