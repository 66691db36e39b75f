// One question asked of the host a `?host=` names, or of every host at once ("*"): the shared aggregation of the Docker manager's lists.
#include "hosts/host_fanout.hpp"

namespace rivetr::hosts {

std::vector<std::string> selectedHosts(HostDirectory& directory, const std::string& selector) {
    if (selector != kEveryHost) return {selector.empty() ? std::string(kLocalHost) : selector};
    std::vector<std::string> ids;
    for (const auto& h : directory.hosts()) ids.push_back(h.id);
    return ids;
}

}  // namespace rivetr::hosts
