// Tests only: a CA, an engine certificate and a client certificate from openssl, run from argv.
#include "hosts/testing/test_certificates.hpp"

#include <stdexcept>

#include "core/file_write.hpp"
#include "core/subprocess.hpp"
#include "tests/support/test_support.hpp"

namespace rivetr::hosts::testing {
namespace {

void openssl(std::vector<std::string> args) {
    args.insert(args.begin(), "openssl");
    auto r = run(args);
    if (r.exitCode != 0) throw std::runtime_error("openssl " + args[1] + " failed: " + r.output);
}

std::vector<std::string> newKey(const std::filesystem::path& key) {
    return {"-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", key.string()};
}

// A key and a certificate signed by the CA, with the extensions in `extensions` (a config file's lines).
void issue(const std::filesystem::path& dir, const std::string& name, const std::string& extensions,
           const TestCertificates& ca, std::filesystem::path& pem, std::filesystem::path& key) {
    pem = dir / (name + ".pem");
    key = dir / (name + "-key.pem");
    auto csr = dir / (name + ".csr");
    auto ext = dir / (name + ".ext");
    writeFileChecked(ext, extensions);
    auto req = newKey(key);
    req.insert(req.begin(), "req");
    req.insert(req.end(), {"-subj", "/CN=" + name, "-out", csr.string()});
    openssl(req);
    openssl({"x509", "-req", "-in", csr.string(), "-CA", ca.caPem.string(), "-CAkey", (dir / "ca-key.pem").string(),
             "-CAcreateserial", "-days", "2", "-extfile", ext.string(), "-out", pem.string()});
}

}  // namespace

std::string TestCertificates::ca() const { return test::readFile(caPem); }
std::string TestCertificates::clientCert() const { return test::readFile(clientPem); }
std::string TestCertificates::clientKeyPem() const { return test::readFile(clientKey); }

TestCertificates makeTestCertificates(const std::filesystem::path& dir, const std::vector<std::string>& serverIps) {
    std::filesystem::create_directories(dir);
    TestCertificates c;
    c.caPem = dir / "ca.pem";
    auto req = newKey(dir / "ca-key.pem");
    req.insert(req.begin(), {"req", "-x509"});
    req.insert(req.end(), {"-days", "2", "-subj", "/CN=rivetr-test-ca", "-out", c.caPem.string()});
    openssl(req);
    std::string sans = "subjectAltName=";
    for (std::size_t i = 0; i < serverIps.size(); ++i) sans += (i ? ",IP:" : "IP:") + serverIps[i];
    issue(dir, "server", sans + "\nextendedKeyUsage=serverAuth\n", c, c.serverPem, c.serverKey);
    issue(dir, "client", "extendedKeyUsage=clientAuth\n", c, c.clientPem, c.clientKey);
    return c;
}

}  // namespace rivetr::hosts::testing
