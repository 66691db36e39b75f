// Keeps every remote host's listed state current by refreshing the directory periodically until destroyed.
#include "hosts/host_refresher.hpp"

namespace rivetr::hosts {

HostRefresher::HostRefresher(std::shared_ptr<RegistryHostDirectory> directory, std::chrono::milliseconds interval)
    : directory_(std::move(directory)), interval_(interval) {
    thread_ = std::thread([this] {
        std::unique_lock lock(mutex_);
        while (!stopping_) {
            lock.unlock();
            directory_->refresh();
            lock.lock();
            wake_.wait_for(lock, interval_, [this] { return stopping_; });
        }
    });
}

HostRefresher::~HostRefresher() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    thread_.join();
}

}  // namespace rivetr::hosts
