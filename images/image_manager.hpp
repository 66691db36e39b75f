// The Docker manager's image operations on any host: what the API and CLI call, engines reached only through the HostDirectory.
#pragma once

#include <string>
#include <vector>

#include "hosts/host_fanout.hpp"
#include "images/image_catalog.hpp"
#include "images/prune_plan.hpp"

namespace rivetr::images {

// Every call names a host ("" or "local": the local engine) and throws hosts::HostNotFound for an
// unknown one, runtime::RuntimeError for what the engine says (ImageNotFound, Conflict with its
// reason, DaemonUnavailable while the host is unreachable, InvalidArgument for a bad reference).
// Thread-safe: it holds no state of its own.
class ImageManager {
public:
    explicit ImageManager(hosts::HostDirectory& hosts) : hosts_(hosts) {}

    std::vector<ImageEntry> list(const std::string& host);
    // list() of the host `selector` names, or of every host at once ("*"): there an unreachable host is
    // reported beside the others' images instead of failing the listing (hosts::askHosts).
    hosts::HostAnswers<std::vector<ImageEntry>> listAcross(const std::string& selector);
    // Without `force` the engine refuses while a container uses the image (Conflict, its reason).
    runtime::ImageRemoval remove(const std::string& host, const std::string& ref, bool force);
    std::vector<runtime::ImageLayer> history(const std::string& host, const std::string& ref);
    runtime::DiskUsage diskUsage(const std::string& host);

    // The dry run: what prune() would remove now, from a fresh listing.
    PrunePlan planPrune(const std::string& host, const PruneFilter& filter);
    // Plans again from a fresh listing (nothing decided earlier is trusted) and removes exactly that plan.
    PruneReport prune(const std::string& host, const PruneFilter& filter);

private:
    std::shared_ptr<runtime::ContainerRuntime> engine(const std::string& host) { return hosts_.runtimeFor(host); }
    hosts::HostDirectory& hosts_;
};

}  // namespace rivetr::images
