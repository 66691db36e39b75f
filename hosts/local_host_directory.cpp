// The host directory of a server with only its own engine: the local host, reached through a getter.
#include "hosts/local_host_directory.hpp"

#include "core/clock.hpp"

namespace rivetr::hosts {

LocalHostDirectory::LocalHostDirectory(std::function<std::shared_ptr<runtime::ContainerRuntime>()> local)
    : local_(std::move(local)) {
    last_ = {kLocalHost, kLocalHost, "local", false, nowMs(), "not connected yet", ""};
}

std::shared_ptr<runtime::ContainerRuntime> LocalHostDirectory::runtimeFor(const std::string& hostId) {
    if (!hostId.empty() && hostId != kLocalHost) throw HostNotFound(hostId);
    auto rt = local_();
    observe(rt);
    if (!rt) throw runtime::RuntimeError(runtime::ErrorKind::DaemonUnavailable, "the local container engine is not reachable");
    return rt;
}

std::vector<HostState> LocalHostDirectory::hosts() { return {observe(local_())}; }

// The version is asked once per connection, not per listing: the getter hands out the same runtime
// object until the link reconnects.
HostState LocalHostDirectory::observe(const std::shared_ptr<runtime::ContainerRuntime>& rt) {
    std::lock_guard lock(mutex_);
    const bool ok = rt != nullptr;
    if (ok != last_.ok) {
        last_.ok = ok;
        last_.sinceMs = nowMs();
        last_.error = ok ? "" : "the local container engine is not reachable";
        last_.engineVersion.clear();
    }
    if (ok && last_.engineVersion.empty()) {
        try {
            last_.engineVersion = rt->version().version;
        } catch (const runtime::RuntimeError&) {
            // Reachable a moment ago; the next listing asks again.
        }
    }
    return last_;
}

}  // namespace rivetr::hosts
