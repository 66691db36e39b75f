// Takes a connection away from Pistache for a protocol it does not speak (a WebSocket): no more reads, no answers.
#include "api/http/connection_takeover.hpp"

#include <fcntl.h>
#include <pistache/reactor.h>
#include <pistache/transport.h>

#include "api/http/connection_reactor.hpp"
#include "api/http/guarded_handler.hpp"
#include "core/log.hpp"

namespace rivetr::api {

int takeOverConnection(Pistache::Tcp::Peer& peer) {
    GuardedHandler::handOver(peer);  // Pistache never answers on it again
    if (auto* transport = ConnectionReactor::transportOf(peer); transport && transport->reactor()) {
        try {
            transport->reactor()->modifyFd(transport->key(), peer.fd(), Pistache::Polling::NotifyOn::None,
                                           Pistache::Polling::Mode::Edge);
        } catch (const std::exception& e) {
            log::warn("api.takeover_failed", {{"error", e.what()}});
            return -1;
        }
    }
    return ::fcntl(peer.fd(), F_DUPFD_CLOEXEC, 0);
}

}  // namespace rivetr::api
