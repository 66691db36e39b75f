// Tests only: a second dockerd in its own network namespace (own data-root, exec-root and socket), reached over TCP+TLS through a veth pair.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "core/subprocess.hpp"
#include "hosts/testing/test_certificates.hpp"

namespace rivetr::hosts::testing {

// A child that is asked to stop (SIGTERM, up to `grace`) before it is killed, so a daemon shuts down
// what it started itself (dockerd its containerd).
class GracefulChild {
public:
    GracefulChild(Process process, std::chrono::milliseconds grace) : process_(std::move(process)), grace_(grace) {}
    ~GracefulChild();
    Process& process() { return process_; }

private:
    Process process_;
    std::chrono::milliseconds grace_;
};

// Throws with dockerd's log when it is not up within 30 s. The namespace, the veth pair, dockerd and
// its containerd are gone when the object dies, also after a failed start.
class SecondEngine {
public:
    explicit SecondEngine(const std::filesystem::path& dir);
    ~SecondEngine();
    SecondEngine(const SecondEngine&) = delete;
    SecondEngine& operator=(const SecondEngine&) = delete;

    std::string tlsAddress() const { return nsIp_ + ":2376"; }  // host:port of its TLS listener
    // A port on the engine's address whose packets are dropped (iptables in the namespace): a
    // blackholed host, where a connect only ever times out.
    std::string blackholedAddress() const { return nsIp_ + ":2377"; }
    const std::filesystem::path& socket() const { return socket_; }
    const TestCertificates& certificates() const { return certs_; }
    // Runs the docker CLI against this engine (argv after "docker -H unix://…"); throws on failure.
    std::string docker(const std::vector<std::string>& args) const;

private:
    struct Namespace;
    std::filesystem::path dir_, socket_;
    std::string nsIp_;
    TestCertificates certs_;
    std::unique_ptr<Namespace> ns_;
    std::unique_ptr<GracefulChild> dockerd_;
};

}  // namespace rivetr::hosts::testing
