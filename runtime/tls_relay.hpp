// A TLS client connection to a remote engine, relayed in clear to one end of a socketpair by a thread of its own.
#pragma once

#include <chrono>

#include "runtime/docker_client.hpp"

namespace rivetr::runtime {

// Connects to the endpoint's tcpUrl ("https://host:port") within `deadline`, makes the TLS handshake
// (the endpoint's CA verifies the engine and its name or address; its client certificate proves
// Rivetr), and returns the caller's end of a socketpair. A detached relay thread moves bytes both
// ways until the caller closes its end (then the TLS connection is closed, which ends the engine's
// side) or the engine closes (then the caller reads EOF). A half-close of the caller's end
// (SHUT_WR) sends TLS close_notify: the engine sees the end of its input and can still answer.
// Why a relay and not an SSL* in the caller: the terminal waits on a plain descriptor with Asio and
// never learns which transport carries it; OpenSSL's buffered records would not show on a poll.
// Throws RuntimeError(DaemonUnavailable) naming the step that failed (connect, handshake) and why.
int openTlsRelay(const DockerEndpoint& endpoint, std::chrono::steady_clock::time_point deadline);

}  // namespace rivetr::runtime
