// Keeps a certificate for every TLS domain: loads stored ones, issues missing ones, renews 30 days before expiry.
#pragma once

#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <thread>

#include "core/non_copyable.hpp"
#include "proxy/acme_client.hpp"
#include "proxy/cert_store.hpp"
#include "proxy/certificate_status.hpp"

namespace rivetr::proxy {

struct CertManagerOptions {
    std::filesystem::path dir;  // data_dir/certs: account.key and <domain>/{cert,key}.pem (keys 0600)
    acme::AcmeOptions acme;
    std::chrono::seconds renewBefore{30 * 24 * 3600};
    std::chrono::seconds checkInterval{3600};
    std::chrono::seconds minBackoff{60};
    std::chrono::seconds maxBackoff{24 * 3600};
};

class CertManager : NonCopyable {
public:
    CertManager(CertManagerOptions opts, CertStore& store, Challenges& challenges);
    ~CertManager();

    // Installs every stored certificate into the store (call before serving TLS).
    void loadStored();
    void setDomains(const std::set<std::string>& domains);

    // One pass at time `nowSec` (Unix seconds): each domain that lacks a certificate or expires
    // within renewBefore, and is not backing off, gets its own order. Failures are per domain.
    // Returns domain -> "" (issued) or the error; domains with nothing to do are absent.
    std::map<std::string, std::string> runOnce(std::int64_t nowSec);

    // The last failed order of `domain` while it is backing off; none once an order succeeded.
    std::optional<CertFailure> failure(const std::string& domain) const;
    std::chrono::seconds renewBefore() const { return opts_.renewBefore; }

    // Background loop: runOnce now, after setDomains, and every checkInterval.
    void start();
    void stop();

private:
    struct DomainState {
        int failures = 0;
        std::int64_t retryAt = 0;
        std::string lastError;
    };
    std::filesystem::path domainDir(const std::string& domain) const { return opts_.dir / domain; }
    void save(const std::string& domain, const acme::IssuedCert& cert);
    acme::AcmeClient& client();

    CertManagerOptions opts_;
    CertStore& store_;
    Challenges& challenges_;
    std::unique_ptr<acme::AcmeClient> client_;
    std::mutex runMu_;  // one pass at a time (background loop vs explicit calls)
    mutable std::mutex mu_;
    std::condition_variable wake_;
    std::set<std::string> domains_;
    std::map<std::string, DomainState> state_;
    bool stopping_ = false;
    bool kick_ = false;
    std::thread thread_;
};

}  // namespace rivetr::proxy
