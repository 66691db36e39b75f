// Tests only: Debian's sshd on a loopback port with its own host key, config and authorized key, whose sessions reach a given Docker socket.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "hosts/testing/second_engine.hpp"

namespace rivetr::hosts::testing {

// The key holder's sessions get DOCKER_HOST=unix://<dockerSocket> (sshd's SetEnv), so
// `docker system dial-stdio` on the far side reaches that engine, as on a real remote machine.
class TestSshd {
public:
    TestSshd(const std::filesystem::path& dir, const std::filesystem::path& dockerSocket);
    ~TestSshd();

    std::string address() const { return user_ + "@127.0.0.1:" + std::to_string(port_); }
    std::string clientKey() const;      // the private key (PEM) allowed to log in
    std::string hostPublicKey() const;  // "ssh-ed25519 AAAA…"
    // Stops sshd, gives it a new host key and starts it again on the same port (a reinstalled machine).
    void replaceHostKey();

private:
    void start();
    std::filesystem::path dir_;
    std::string user_;
    int port_ = 0;
    std::unique_ptr<GracefulChild> sshd_;
};

}  // namespace rivetr::hosts::testing
