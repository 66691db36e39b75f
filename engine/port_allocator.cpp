// Host ports Rivetr assigns to app containers, so a dockerd restart can never hand one app's port to another.
#include "engine/port_allocator.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <random>
#include <stdexcept>

#include "core/parse_int.hpp"
#include "runtime/naming.hpp"

namespace rivetr::engine {

PortAllocator::PortAllocator(PortRange range) : range_(range) {
    // A random start: two Rivetr instances sharing an engine rarely probe the same ports first.
    std::random_device rd;
    cursor_ = range_.first + static_cast<int>(rd() % static_cast<unsigned>(range_.last - range_.first + 1));
}

PortAllocator::Reservation PortAllocator::reserve(const std::set<int>& held) {
    std::lock_guard lock(mutex_);
    int span = range_.last - range_.first + 1;
    for (int i = 0; i < span; ++i) {
        int port = cursor_;
        cursor_ = cursor_ == range_.last ? range_.first : cursor_ + 1;
        if (held.count(port) || reserved_.count(port) || portBusy(port)) continue;
        reserved_.insert(port);
        return Reservation(this, port);
    }
    throw std::runtime_error("no free host port left in " + std::to_string(range_.first) + "-" +
                             std::to_string(range_.last) + " ([runtime] host_port_range)");
}

void PortAllocator::release(int port) {
    std::lock_guard lock(mutex_);
    reserved_.erase(port);
}

std::set<int> labelledHostPorts(const std::vector<runtime::ContainerSummary>& containers) {
    std::set<int> out;
    for (const auto& c : containers) {
        auto it = c.labels.find(runtime::kHostPortLabel);
        if (it == c.labels.end()) continue;
        if (auto port = parseInt(it->second)) out.insert(*port);
    }
    return out;
}

bool portBusy(int port) {
    int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return true;
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = htons(static_cast<std::uint16_t>(port));
    bool busy = ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0;
    ::close(fd);
    return busy;
}

}  // namespace rivetr::engine
