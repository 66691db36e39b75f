// The Docker manager's image list: every image on an engine joined with the containers that use it.
#include "images/image_catalog.hpp"

#include <map>

#include "runtime/naming.hpp"

namespace rivetr::images {

std::vector<ImageEntry> joinImagesAndContainers(const std::vector<runtime::ImageInfo>& images,
                                                const std::vector<runtime::ContainerSummary>& containers) {
    std::map<std::string, std::vector<ContainerRef>> users;
    for (const auto& c : containers) users[c.imageId].push_back({c.id, c.name, c.state});
    std::vector<ImageEntry> out;
    out.reserve(images.size());
    for (const auto& i : images) {
        ImageEntry e;
        e.image = i;
        if (auto it = users.find(i.id); it != users.end()) e.usedBy = it->second;
        auto managed = i.labels.find(runtime::kManagedLabel);
        e.managed = managed != i.labels.end() && managed->second == "true";
        if (auto app = i.labels.find(runtime::kAppLabel); e.managed && app != i.labels.end()) e.app = app->second;
        out.push_back(std::move(e));
    }
    return out;
}

std::vector<ImageEntry> listImageEntries(runtime::ContainerRuntime& rt) {
    // Images first: a container created between the two calls is then still seen using its image.
    auto images = rt.listAllImages();
    return joinImagesAndContainers(images, rt.listContainers({}, true));
}

}  // namespace rivetr::images
