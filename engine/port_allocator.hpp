// Host ports Rivetr assigns to app containers, so a dockerd restart can never hand one app's port to another.
#pragma once

#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "core/non_copyable.hpp"
#include "core/port_range.hpp"
#include "runtime/runtime_types.hpp"

namespace rivetr::engine {

// Why not let the engine pick (HostPort ""): after a dockerd restart every container comes back on
// a NEW ephemeral port and the ports get reshuffled, so a route kept from before leads to another
// app. A port Rivetr assigns is bound again by the same container after the restart, and no other
// Rivetr container is ever given it while one holds it. The default range lies below the kernel's
// ephemeral range (32768-60999), so nothing else is handed these ports by accident.
class PortAllocator {
public:
    // Holds the port until the container that will bind it exists (its label records it then).
    class Reservation : NonCopyable {
    public:
        Reservation(PortAllocator* owner, int port) : owner_(owner), port_(port) {}
        Reservation(Reservation&& o) noexcept : owner_(o.owner_), port_(o.port_) { o.owner_ = nullptr; }
        Reservation& operator=(Reservation&&) = delete;
        ~Reservation() {
            if (owner_) owner_->release(port_);
        }
        int port() const { return port_; }

    private:
        PortAllocator* owner_;
        int port_;
    };

    explicit PortAllocator(PortRange range);

    // A port of the range that no container in `held` carries, that no other reservation holds
    // and that nothing is bound to now. Ports are handed out round the range, so a port just
    // given up is the last to be given again. Throws std::runtime_error when the range is full.
    Reservation reserve(const std::set<int>& held);

    const PortRange& range() const { return range_; }

private:
    void release(int port);

    PortRange range_;
    std::mutex mutex_;
    std::set<int> reserved_;
    int cursor_;
};

// The host ports Rivetr containers carry in their label (any state: a stopped container binds its
// port again when it starts).
std::set<int> labelledHostPorts(const std::vector<runtime::ContainerSummary>& containers);

// Whether something is bound to 127.0.0.1:port right now.
bool portBusy(int port);

}  // namespace rivetr::engine
