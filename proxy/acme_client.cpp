// The RFC 8555 flow, step by step, with the CA's error text preserved in exceptions.
#include "proxy/acme_client.hpp"

#include <thread>

#include "core/crypto.hpp"
#include "core/log.hpp"

namespace rivetr::proxy::acme {
namespace {
constexpr int kBadNonceRetries = 10;  // pebble rejects 5% of nonces on purpose

std::string problem(const HttpReply& r) {
    if (r.status == 0) return "transport: " + r.error;
    auto j = nlohmann::json::parse(r.body, nullptr, false);
    if (j.is_object() && j.contains("type")) {
        return j.value("type", "") + ": " + j.value("detail", "") + " (HTTP " + std::to_string(r.status) + ")";
    }
    return "HTTP " + std::to_string(r.status);
}
}  // namespace

AcmeClient::AcmeClient(AcmeOptions opts, EcKey accountKey, Challenges& challenges)
    : opts_(std::move(opts)), key_(std::move(accountKey)), challenges_(challenges), transport_(opts_.caBundle) {}

void AcmeClient::ensureDirectory() {
    if (!directory_.is_null()) return;
    auto r = transport_.get(opts_.directoryUrl);
    if (r.status != 200) throw AcmeError("ACME directory " + opts_.directoryUrl + ": " + problem(r));
    auto j = nlohmann::json::parse(r.body, nullptr, false);
    if (!j.is_object() || !j.contains("newNonce") || !j.contains("newAccount") || !j.contains("newOrder")) {
        throw AcmeError("ACME directory " + opts_.directoryUrl + " is not an ACME directory");
    }
    directory_ = std::move(j);
}

std::string AcmeClient::takeNonce() {
    if (!nonce_.empty()) return std::exchange(nonce_, {});
    auto r = transport_.head(directory_["newNonce"].get<std::string>());
    auto it = r.headers.find("replay-nonce");
    if (it == r.headers.end()) throw AcmeError("no nonce from the CA: " + problem(r));
    return it->second;
}

AcmeClient::Reply AcmeClient::post(const std::string& url, const std::optional<nlohmann::json>& payload) {
    for (int attempt = 0;; ++attempt) {
        nlohmann::json prot = {{"alg", "ES256"}, {"nonce", takeNonce()}, {"url", url}};
        if (kid_.empty()) prot["jwk"] = nlohmann::json::parse(key_.jwkJson());
        else prot["kid"] = kid_;
        const auto p64 = crypto::base64UrlEncode(prot.dump());
        const auto b64 = payload ? crypto::base64UrlEncode(payload->dump()) : std::string();
        nlohmann::json jws = {{"protected", p64}, {"payload", b64}, {"signature", key_.signEs256(p64 + "." + b64)}};
        Reply r{transport_.postJose(url, jws.dump()), {}};
        if (auto it = r.http.headers.find("replay-nonce"); it != r.http.headers.end()) nonce_ = it->second;
        if (r.http.status >= 200 && r.http.status < 300) {
            r.json = nlohmann::json::parse(r.http.body, nullptr, false);
            if (!r.json.is_object()) r.json = nlohmann::json::object();  // e.g. the PEM download
            return r;
        }
        auto err = nlohmann::json::parse(r.http.body, nullptr, false);
        if (err.is_object() && err.value("type", "") == "urn:ietf:params:acme:error:badNonce" && attempt < kBadNonceRetries) {
            continue;
        }
        throw AcmeError(problem(r.http));
    }
}

void AcmeClient::ensureAccount() {
    if (!kid_.empty()) return;
    nlohmann::json req = {{"termsOfServiceAgreed", true}};
    if (!opts_.email.empty()) req["contact"] = {"mailto:" + opts_.email};
    auto r = post(directory_["newAccount"].get<std::string>(), req);
    auto it = r.http.headers.find("location");
    if (it == r.http.headers.end()) throw AcmeError("account created without a Location");
    kid_ = it->second;
}

nlohmann::json AcmeClient::pollUntil(const std::string& url, const std::string& what) {
    const auto deadline = std::chrono::steady_clock::now() + opts_.orderTimeout;
    for (;;) {
        auto r = post(url, std::nullopt);
        const auto status = r.json.value("status", "");
        // "ready" right after finalize means the CA has not started processing yet: keep polling.
        if (status != "pending" && status != "processing" && status != "ready") return r.json;
        if (std::chrono::steady_clock::now() > deadline) throw AcmeError(what + " still " + status + " at the deadline");
        std::this_thread::sleep_for(opts_.pollInterval);
    }
}

void AcmeClient::validate(const std::string& authzUrl) {
    auto authz = post(authzUrl, std::nullopt).json;
    if (authz.value("status", "") == "valid") return;
    std::optional<nlohmann::json> http01;
    for (const auto& c : authz.value("challenges", nlohmann::json::array())) {
        if (c.value("type", "") == "http-01") http01 = c;
    }
    if (!http01) throw AcmeError("the CA offered no http-01 challenge");
    const auto token = http01->value("token", "");
    challenges_.set(token, token + "." + key_.thumbprint());
    try {
        post(http01->value("url", ""), nlohmann::json::object());
        auto done = pollUntil(authzUrl, "authorization");
        challenges_.remove(token);
        if (done.value("status", "") != "valid") {
            std::string detail;
            for (const auto& c : done.value("challenges", nlohmann::json::array())) {
                if (c.contains("error")) detail = c["error"].value("detail", "");
            }
            throw AcmeError("authorization " + done.value("status", "") + (detail.empty() ? "" : ": " + detail));
        }
    } catch (...) {
        challenges_.remove(token);
        throw;
    }
}

IssuedCert AcmeClient::issue(const std::string& domain) {
    std::lock_guard lock(mu_);
    ensureDirectory();
    ensureAccount();
    nlohmann::json ids = {{"identifiers", {{{"type", "dns"}, {"value", domain}}}}};
    auto order = post(directory_["newOrder"].get<std::string>(), ids);
    auto loc = order.http.headers.find("location");
    if (loc == order.http.headers.end()) throw AcmeError("order without a Location");
    const auto orderUrl = loc->second;
    for (const auto& a : order.json.value("authorizations", nlohmann::json::array())) validate(a.get<std::string>());

    auto certKey = EcKey::generate();
    post(order.json.value("finalize", ""), nlohmann::json{{"csr", certKey.csrForDomain(domain)}});
    auto done = pollUntil(orderUrl, "order");
    if (done.value("status", "") != "valid" || !done.contains("certificate")) {
        throw AcmeError("order for " + domain + " ended " + done.value("status", "?"));
    }
    auto cert = post(done["certificate"].get<std::string>(), std::nullopt);
    if (cert.http.body.find("-----BEGIN CERTIFICATE-----") == std::string::npos) throw AcmeError("certificate download was not PEM");
    log::info("acme_issued", {{"domain", domain}});
    return {cert.http.body, certKey.toPem()};
}

}  // namespace rivetr::proxy::acme
