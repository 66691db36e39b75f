// Keeps every remote host's listed state current: the directory's refresh() every interval, on a thread of its own.
#pragma once

#include <chrono>
#include <memory>

#include "core/periodic_task.hpp"
#include "hosts/registry_host_directory.hpp"

namespace rivetr::hosts {

class HostRefresher {
public:
    // The first refresh runs at once (a server's hosts are shown with their state soon after start).
    // Destroying it waits for the refresh in progress: about one connect timeout at most.
    HostRefresher(std::shared_ptr<RegistryHostDirectory> directory, std::chrono::milliseconds interval)
        : task_([directory = std::move(directory)] { directory->refresh(); }, interval) {}

private:
    PeriodicTask task_;
};

}  // namespace rivetr::hosts
