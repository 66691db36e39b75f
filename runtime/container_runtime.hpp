// The seam between Rivetr and a container engine: engine, builders and API call this; only adapters know the wire.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "runtime/container_io.hpp"
#include "runtime/container_lifecycle.hpp"
#include "runtime/engine_connection.hpp"
#include "runtime/image_store.hpp"
#include "runtime/network_store.hpp"
#include "runtime/runtime_error.hpp"
#include "runtime/volume_store.hpp"

namespace rivetr::runtime {

// One engine connection in all its roles; each role is its own interface, so code that needs one
// role (the retirer removes containers, the pruner removes images) asks for that one, and a new
// engine method goes to the role it belongs to. The Docker and Podman adapters implement them all.
//
// Every method except ping() throws RuntimeError (typed, with the engine's message) and nothing else.
// Implementations are thread-safe: calls may run concurrently from any thread. Control calls have a
// short timeout; streams (build, logs follow, events, stats stream, wait) have none and end through
// their CancelToken instead.
class ContainerRuntime : public EngineConnection,
                         public ImageStore,
                         public ContainerLifecycle,
                         public ContainerIo,
                         public VolumeStore,
                         public NetworkStore {};

// How to reach the engine. Defaults auto-detect a local Docker, then Podman, socket.
struct RuntimeOptions {
    std::string runtimeType = "auto";  // auto | docker | podman
    std::string dockerSocket = "/var/run/docker.sock";
    std::string podmanSocket = "/run/podman/podman.sock";
    // Remote engine over TCP with TLS client certificates (e.g. "https://10.0.0.5:2376"); when set it
    // wins over the sockets. The CA verifies the engine; cert/key prove Rivetr to it.
    std::string tcpUrl;
    std::string tlsCaCert, tlsClientCert, tlsClientKey;
    // The same as PEM text held in memory (a remote host's sealed credentials are never written out).
    std::string tlsCaPem, tlsClientCertPem, tlsClientKeyPem;
    std::chrono::milliseconds controlTimeout{30000};  // per control call (create, inspect, ...)
    std::chrono::milliseconds connectTimeout{3000};
};

// Connects (asks /version, checks API >= 1.41) and returns the adapter. Throws RuntimeError
// (DaemonUnavailable when nothing answers, Unsupported for a too-old engine, InvalidArgument for a
// bad runtimeType).
std::unique_ptr<ContainerRuntime> connectRuntime(const RuntimeOptions& options);

// Asks the engine `options` names (tcpUrl, else dockerSocket) for /_ping within `timeout`. Throws
// RuntimeError(DaemonUnavailable) saying why. For a caller that must not wait a whole control
// timeout on an engine that accepts connections but never answers (a remote host).
void probeEngine(const RuntimeOptions& options, std::chrono::milliseconds timeout);

}  // namespace rivetr::runtime
