// One raw byte stream to an engine whatever carries it (unix socket, ssh tunnel socket, tcp+TLS): what a hijacked call speaks over.
#pragma once

#include <chrono>

#include "runtime/docker_client.hpp"

namespace rivetr::runtime {

// A connected, blocking stream socket whose bytes are the engine's connection in clear, for every kind
// of host: the caller writes its HTTP request on it, reads the answer and then the raw stream,
// polls it, half-closes it (shutdown SHUT_WR ends the far side's input) and closes it.
//   - unix socket: the local engine, and an ssh host (hosts/ssh_tunnel.hpp serves a private unix
//     socket whose every connection is one `docker system dial-stdio` over ssh): a connect.
//   - tcp+TLS: a TLS client connection with the endpoint's CA and client certificate, relayed to one end
//     of a socketpair by a thread of its own (tls_relay.hpp), so the caller still holds a plain socket.
// Throws RuntimeError: DaemonUnavailable when nothing answers by `deadline` (or the TLS handshake
// fails, with OpenSSL's reason), InvalidArgument for an unusable endpoint.
int openEngineStream(const DockerEndpoint& endpoint, std::chrono::steady_clock::time_point deadline);

// Waits for `events` on `fd` until `deadline`; false on timeout or a poll error. EINTR is retried.
bool waitForFd(int fd, short events, std::chrono::steady_clock::time_point deadline);

}  // namespace rivetr::runtime
