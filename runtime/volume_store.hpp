// The runtime seam's volume role: named volumes and their pruning.
#pragma once

#include <string>
#include <vector>

#include "runtime/runtime_types.hpp"

namespace rivetr::runtime {

class VolumeStore {
public:
    virtual ~VolumeStore() = default;

    virtual std::vector<VolumeInfo> listVolumes(const LabelFilter& labels) = 0;
    virtual VolumeInfo inspectVolume(const std::string& name) = 0;
    virtual VolumeInfo createVolume(const std::string& name, const Labels& labels) = 0;
    virtual void removeVolume(const std::string& name, bool force = false) = 0;
    // An empty filter is replaced by rivetr.managed=true, as for images.
    virtual PruneResult pruneVolumes(const LabelFilter& labels = {}) = 0;
};

}  // namespace rivetr::runtime
