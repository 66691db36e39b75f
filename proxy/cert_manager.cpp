// Storage under data_dir/certs, the renewal schedule and per-domain exponential backoff.
#include "proxy/cert_manager.hpp"


#include "core/clock.hpp"
#include "core/file_write.hpp"
#include "core/log.hpp"
#include "core/text.hpp"
#include "proxy/route_builder.hpp"

namespace rivetr::proxy {
namespace fs = std::filesystem;
namespace {

// Written to a temp file with the final mode, then renamed: never a half-written or world-readable
// key. The one checked writer (core/file_write.hpp) checks every write, the fsync and the close, so a
// full disk is an error naming the disk, not an empty key.pem found at the next start.
void writeAtomically(const fs::path& p, const std::string& data, mode_t mode) {
    const fs::path tmp = p.string() + ".tmp";
    writeFileChecked(tmp, data, {mode & 0600, false, true});  // nobody else may read it while it is written
    fs::permissions(tmp, static_cast<fs::perms>(mode), fs::perm_options::replace);  // exact, whatever the umask
    fs::rename(tmp, p);
}

}  // namespace

CertManager::CertManager(CertManagerOptions opts, CertStore& store, Challenges& challenges)
    : opts_(std::move(opts)), store_(store), challenges_(challenges) {
    fs::create_directories(opts_.dir);
    fs::permissions(opts_.dir, fs::perms::owner_all, fs::perm_options::replace);
}

CertManager::~CertManager() { stop(); }

acme::AcmeClient& CertManager::client() {
    if (!client_) {
        const auto keyPath = opts_.dir / "account.key";
        auto key = fs::exists(keyPath) ? acme::EcKey::fromPem(readWholeFile(keyPath).value_or("")) : acme::EcKey::generate();
        if (!fs::exists(keyPath)) writeAtomically(keyPath, key.toPem(), 0600);
        client_ = std::make_unique<acme::AcmeClient>(opts_.acme, std::move(key), challenges_);
    }
    return *client_;
}

void CertManager::loadStored() {
    if (!fs::exists(opts_.dir)) return;
    for (const auto& entry : fs::directory_iterator(opts_.dir)) {
        if (!entry.is_directory()) continue;
        const auto domain = entry.path().filename().string();
        try {
            store_.set(domain, readWholeFile(entry.path() / "cert.pem").value_or(""), readWholeFile(entry.path() / "key.pem").value_or(""));
        } catch (const std::exception& e) {
            // A damaged pair is re-issued by the next pass instead of stopping the others.
            log::warn("cert_load_failed", {{"domain", domain}, {"error", e.what()}});
        }
    }
}

void CertManager::setDomains(const std::set<std::string>& domains) {
    std::set<std::string> normalized;
    for (const auto& d : domains) {
        auto n = normalizeDomain(d);
        if (n.rfind("*.", 0) == 0) continue;  // wildcards need DNS-01, which Rivetr does not do
        normalized.insert(n);
    }
    std::lock_guard lock(mu_);
    domains_ = std::move(normalized);
    kick_ = true;
    wake_.notify_all();
}

void CertManager::save(const std::string& domain, const acme::IssuedCert& cert) {
    const auto dir = domainDir(domain);
    fs::create_directories(dir);
    writeAtomically(dir / "key.pem", cert.keyPem, 0600);
    writeAtomically(dir / "cert.pem", cert.certChainPem, 0644);
}

std::map<std::string, std::string> CertManager::runOnce(std::int64_t nowSec) {
    std::lock_guard run(runMu_);
    std::set<std::string> domains;
    {
        std::lock_guard lock(mu_);
        domains = domains_;
    }
    std::map<std::string, std::string> results;
    for (const auto& domain : domains) {
        auto expiry = store_.notAfter(domain);
        if (expiry && *expiry - nowSec > opts_.renewBefore.count()) continue;
        {
            std::lock_guard lock(mu_);
            if (state_[domain].retryAt > nowSec) continue;
        }
        try {
            auto cert = client().issue(domain);
            save(domain, cert);
            store_.set(domain, cert.certChainPem, cert.keyPem);
            std::lock_guard lock(mu_);
            state_[domain] = {};
            results[domain] = "";
        } catch (const std::exception& e) {
            std::lock_guard lock(mu_);
            auto& st = state_[domain];
            st.failures++;
            auto backoff = std::min<std::int64_t>(opts_.maxBackoff.count(),
                                                  opts_.minBackoff.count() << std::min(st.failures - 1, 16));
            st.retryAt = nowSec + backoff;
            st.lastError = e.what();
            results[domain] = e.what();
            log::warn("acme_failed", {{"domain", domain}, {"error", e.what()}, {"retry_in_s", std::to_string(backoff)}});
        }
    }
    return results;
}

std::optional<CertFailure> CertManager::failure(const std::string& domain) const {
    std::lock_guard lock(mu_);
    auto it = state_.find(domain);
    if (it == state_.end() || it->second.failures == 0) return std::nullopt;
    return CertFailure{it->second.failures, it->second.retryAt, it->second.lastError};
}

void CertManager::start() {
    if (thread_.joinable()) return;
    thread_ = std::thread([this] {
        std::unique_lock lock(mu_);
        while (!stopping_) {
            lock.unlock();
            runOnce(nowMs() / 1000);
            lock.lock();
            wake_.wait_for(lock, opts_.checkInterval, [this] { return stopping_ || kick_; });
            kick_ = false;
        }
    });
}

void CertManager::stop() {
    {
        std::lock_guard lock(mu_);
        stopping_ = true;
        wake_.notify_all();
    }
    if (thread_.joinable()) thread_.join();
}

}  // namespace rivetr::proxy
