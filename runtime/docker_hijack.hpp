// Opens an engine call whose answer upgrades the HTTP connection to a raw stream (POST /exec/{id}/start with a TTY).
#pragma once

#include <string>

#include "runtime/docker_client.hpp"
#include "runtime/tty_exec.hpp"

namespace rivetr::runtime {

// Why not libcurl: after a 101 curl hands the connection back only through CURLOPT_CONNECT_ONLY and
// curl_easy_send/recv, i.e. we would write the request ourselves anyway, and the terminal wants a plain
// descriptor it can wait on next to the browser's socket. So this speaks the few lines of HTTP itself,
// over the engine's byte stream (engine_stream.hpp): the same code for the local engine, an ssh host
// (its tunnel socket) and a tcp+TLS host (a relayed TLS connection).
//
// Sends `POST <path>` with `Connection: Upgrade`, `Upgrade: tcp` and the JSON body on a new connection
// and reads the answer head within the endpoint's control timeout. A 101 (or a 200, which engines that
// do not upgrade send before streaming on the same connection) returns the connection; an error answer
// throws the typed RuntimeError (NotFound, Conflict ...); no answer throws DaemonUnavailable.
ExecConnection openUpgraded(const DockerEndpoint& endpoint, const std::string& versionedPath, const std::string& json);

}  // namespace rivetr::runtime
