// Takes a connection away from Pistache for a protocol it does not speak (a WebSocket): no more reads, no answers.
#pragma once

#include <pistache/peer.h>

namespace rivetr::api {

// Why: Pistache 0.0.5 has no WebSocket, and the terminal must be reachable on the API's own address (the
// dashboard's origin when no dashboard_domain puts the proxy in front). After an SSE hand-over Pistache
// still reads the socket and drops what arrives (GuardedHandler::handOver), which would eat a WebSocket's
// frames; so the descriptor's epoll interest is also set to nothing: Pistache's reactor then wakes for it
// only when the connection is fully closed (EPOLLHUP), and lets go of it then, or at its keep-alive
// timeout, closing only its own descriptor. On the connection's reactor thread, while the peer is open.
// Returns a duplicate of the socket (close-on-exec) that the caller owns, or -1 (no descriptor left).
int takeOverConnection(Pistache::Tcp::Peer& peer);

}  // namespace rivetr::api
