// Picks and connects the engine: a remote tcp+TLS engine when configured, else the Docker socket, then Podman's.
#include <sys/stat.h>

#include "runtime/container_runtime.hpp"
#include "runtime/docker_client.hpp"
#include "runtime/docker_runtime.hpp"
#include "runtime/engine_dialect.hpp"

namespace rivetr::runtime {
namespace {

DockerEndpoint endpointFor(const RuntimeOptions& o, const std::string& socket) {
    DockerEndpoint e;
    e.unixSocket = socket;
    e.tcpUrl = o.tcpUrl;
    e.tlsCaCert = o.tlsCaCert;
    e.tlsClientCert = o.tlsClientCert;
    e.tlsClientKey = o.tlsClientKey;
    e.tlsCaPem = o.tlsCaPem;
    e.tlsClientCertPem = o.tlsClientCertPem;
    e.tlsClientKeyPem = o.tlsClientKeyPem;
    e.connectTimeout = o.connectTimeout;
    e.controlTimeout = o.controlTimeout;
    return e;
}

bool isSocket(const std::string& path) {
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0 && S_ISSOCK(st.st_mode);
}

std::unique_ptr<ContainerRuntime> connectAs(const RuntimeOptions& o, const std::string& socket, EngineKind kind) {
    return std::make_unique<DockerRuntime>(endpointFor(o, socket), EngineDialect::forKind(kind));
}

}  // namespace

std::unique_ptr<ContainerRuntime> connectRuntime(const RuntimeOptions& o) {
    if (o.runtimeType == "docker") return connectAs(o, o.dockerSocket, EngineKind::Docker);
    if (o.runtimeType == "podman") return connectAs(o, o.podmanSocket, EngineKind::Podman);
    if (o.runtimeType != "auto")
        throw RuntimeError(ErrorKind::InvalidArgument, "runtime_type must be auto, docker or podman, not '" + o.runtimeType + "'");
    if (!o.tcpUrl.empty()) return std::make_unique<DockerRuntime>(endpointFor(o, ""));
    // auto: whichever socket answers first, Docker preferred; the engine's /version tells the dialect.
    std::string firstError;
    for (const auto& socket : {o.dockerSocket, o.podmanSocket}) {
        if (!isSocket(socket)) continue;
        try {
            return std::make_unique<DockerRuntime>(endpointFor(o, socket));
        } catch (const RuntimeError& e) {
            if (e.kind() != ErrorKind::DaemonUnavailable) throw;
            if (firstError.empty()) firstError = e.daemonMessage();
        }
    }
    throw RuntimeError(ErrorKind::DaemonUnavailable,
                       firstError.empty() ? "no container engine socket at " + o.dockerSocket + " or " + o.podmanSocket : firstError);
}

void probeEngine(const RuntimeOptions& o, std::chrono::milliseconds timeout) {
    DockerClient client(endpointFor(o, o.dockerSocket));
    DockerClient::check(client.call("GET", "/_ping", std::nullopt, timeout, false));
}

}  // namespace rivetr::runtime
