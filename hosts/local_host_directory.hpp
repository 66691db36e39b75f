// The host directory of a server with only its own engine: the local host, reached through a getter.
#pragma once

#include <functional>
#include <mutex>

#include "hosts/host_directory.hpp"

namespace rivetr::hosts {

class LocalHostDirectory : public HostDirectory {
public:
    // `local` returns the connected local runtime, nullptr while it is unreachable (e.g. RuntimeLink::get).
    explicit LocalHostDirectory(std::function<std::shared_ptr<runtime::ContainerRuntime>()> local);

    std::shared_ptr<runtime::ContainerRuntime> runtimeFor(const std::string& hostId) override;
    std::vector<HostState> hosts() override;

private:
    HostState observe(const std::shared_ptr<runtime::ContainerRuntime>& rt);

    std::function<std::shared_ptr<runtime::ContainerRuntime>()> local_;
    std::mutex mutex_;
    HostState last_;
};

}  // namespace rivetr::hosts
