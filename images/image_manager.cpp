// The Docker manager's image operations on any host: what the API and CLI call, engines reached only through the HostDirectory.
#include "images/image_manager.hpp"

namespace rivetr::images {

std::vector<ImageEntry> ImageManager::list(const std::string& host) { return listImageEntries(*engine(host)); }

hosts::HostAnswers<std::vector<ImageEntry>> ImageManager::listAcross(const std::string& selector) {
    return hosts::askHosts(hosts_, selector, [this](const std::string& host) { return list(host); });
}

runtime::ImageRemoval ImageManager::remove(const std::string& host, const std::string& ref, bool force) {
    return engine(host)->removeImage(ref, force);
}

std::vector<runtime::ImageLayer> ImageManager::history(const std::string& host, const std::string& ref) {
    return engine(host)->imageHistory(ref);
}

runtime::DiskUsage ImageManager::diskUsage(const std::string& host) { return engine(host)->diskUsage(); }

PrunePlan ImageManager::planPrune(const std::string& host, const PruneFilter& filter) {
    return images::planPrune(list(host), filter);
}

PruneReport ImageManager::prune(const std::string& host, const PruneFilter& filter) {
    auto rt = engine(host);
    return executePrune(*rt, images::planPrune(listImageEntries(*rt), filter));
}

}  // namespace rivetr::images
