// Keeps every remote host's listed state current: the directory's refresh() every interval, on a thread of its own.
#pragma once

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

#include "hosts/registry_host_directory.hpp"

namespace rivetr::hosts {

class HostRefresher {
public:
    // The first refresh runs at once (a server's hosts are shown with their state soon after start).
    HostRefresher(std::shared_ptr<RegistryHostDirectory> directory, std::chrono::milliseconds interval);
    // Wakes the thread and waits for it: at most one refresh, about one connect timeout.
    ~HostRefresher();
    HostRefresher(const HostRefresher&) = delete;
    HostRefresher& operator=(const HostRefresher&) = delete;

private:
    std::shared_ptr<RegistryHostDirectory> directory_;
    std::chrono::milliseconds interval_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace rivetr::hosts
