// Tests only: a throw-away CA with an engine (server) certificate and a client certificate, made by openssl from argv, for Docker's --tlsverify.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace rivetr::hosts::testing {

struct TestCertificates {
    std::filesystem::path caPem, serverPem, serverKey, clientPem, clientKey;
    std::string ca() const;  // file contents
    std::string clientCert() const;
    std::string clientKeyPem() const;
};

// Writes them under `dir`. The server certificate is valid for each IP in `serverIps`. P-256 keys:
// generated in milliseconds.
TestCertificates makeTestCertificates(const std::filesystem::path& dir, const std::vector<std::string>& serverIps);

}  // namespace rivetr::hosts::testing
