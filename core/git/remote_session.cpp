// The libgit2 callbacks of one fetch: credentials, host-key pinning, progress, and the guard's verdict.
#include "core/git/remote_session.hpp"

#include "core/git/credentials.hpp"
#include "core/git/remote_url.hpp"

namespace rivetr::git {
namespace {
constexpr auto kProgressEvery = std::chrono::milliseconds(100);
}

RemoteSession::RemoteSession(const FetchRequest& request, TransferGuard& guard)
    : request_(request), guard_(guard), appHost_(urlHost(request.url)) {}

git_remote_callbacks RemoteSession::callbacks() {
    git_remote_callbacks cb;
    git_remote_init_callbacks(&cb, GIT_REMOTE_CALLBACKS_VERSION);
    cb.credentials = onCredential;
    cb.certificate_check = onCertificate;
    cb.transfer_progress = onTransfer;
    cb.sideband_progress = onSideband;
    cb.payload = this;
    return cb;
}

int RemoteSession::onCredential(git_credential** out, const char* url, const char* userFromUrl, unsigned int allowed,
                                void* payload) {
    return static_cast<RemoteSession*>(payload)->credential(out, url ? url : "", userFromUrl, allowed);
}

int RemoteSession::onCertificate(git_cert* cert, int, const char* host, void* payload) {
    return static_cast<RemoteSession*>(payload)->certificate(cert, host);
}

int RemoteSession::onTransfer(const git_indexer_progress* stats, void* payload) {
    return static_cast<RemoteSession*>(payload)->transfer(*stats);
}

int RemoteSession::onSideband(const char* text, int len, void* payload) {
    auto* self = static_cast<RemoteSession*>(payload);
    self->guard_.noteProgress();
    if (self->request_.onRemoteMessage && len > 0)
        self->request_.onRemoteMessage(std::string_view(text, static_cast<std::size_t>(len)));
    return self->guard_.check();
}

int RemoteSession::credential(git_credential** out, const std::string& url, const char* userFromUrl,
                              unsigned int allowed) {
    if (int rc = guard_.check(); rc != 0) return rc;
    const auto& auth = request_.auth;
    auto refuse = [&](const std::string& why) {
        failure_.emplace(SourceErrorKind::AuthFailed, why);
        git_error_set_str(GIT_ERROR_NET, why.c_str());
        return GIT_EAUTH;
    };
    // A submodule may point anywhere: the app's token or key goes to the app's own host only.
    if (auth.kind != GitAuth::Kind::None && urlHost(url) != appHost_)
        return refuse("the app's credentials are only sent to " + appHost_ + ", not to " + urlHost(url));
    // SSH first asks for a user name only; that is not an attempt at authenticating.
    if (auth.kind == GitAuth::Kind::SshKey && (allowed & GIT_CREDENTIAL_USERNAME)) {
        return git_credential_username_new(out, userFromUrl ? userFromUrl : "git");
    }
    if (++attempts_ > 1) {
        return refuse("the server refused the credentials configured for this app (" +
                      std::string(auth.kind == GitAuth::Kind::SshKey ? "SSH deploy key" : "HTTPS token") + ")");
    }
    switch (auth.kind) {
        case GitAuth::Kind::None:
            return refuse("the repository requires credentials and none are configured for this app");
        case GitAuth::Kind::Token:
            if (!(allowed & GIT_CREDENTIAL_USERPASS_PLAINTEXT))
                return refuse("the server does not accept a token here (an SSH URL needs a deploy key)");
            return git_credential_userpass_plaintext_new(out, auth.username.c_str(), auth.token.c_str());
        case GitAuth::Kind::SshKey:
            if (!(allowed & GIT_CREDENTIAL_SSH_MEMORY))
                return refuse("the server does not accept an SSH key here (an HTTPS URL needs a token)");
            return git_credential_ssh_key_memory_new(out, userFromUrl ? userFromUrl : "git", nullptr,
                                                     auth.privateKey.c_str(),
                                                     auth.passphrase.empty() ? nullptr : auth.passphrase.c_str());
    }
    return GIT_EAUTH;
}

int RemoteSession::certificate(git_cert* cert, const char* host) {
    if (cert->cert_type != GIT_CERT_HOSTKEY_LIBSSH2) return GIT_PASSTHROUGH;  // TLS: libgit2 verifies
    const auto* key = reinterpret_cast<const git_cert_hostkey*>(cert);
    if (!(key->type & GIT_CERT_SSH_SHA256)) {
        failure_.emplace(SourceErrorKind::HostKeyMismatch, "the SSH server offered no SHA-256 host key hash");
        return -1;
    }
    auto seen = sshFingerprint(key->hash_sha256);
    // The pin belongs to the app's host; a submodule's other host is trusted on each use, unrecorded.
    if (!host || host != appHost_) return 0;
    hostKey_ = seen;
    const auto& pinned = request_.auth.pinnedHostKey;
    if (pinned.empty() || pinned == hostKey_) return 0;
    failure_.emplace(SourceErrorKind::HostKeyMismatch,
                     "the SSH host key of " + std::string(host ? host : "the server") + " changed: pinned " + pinned +
                         ", presented " + hostKey_ + "; refusing to connect");
    return -1;
}

void RemoteSession::flushProgress() {
    if (!unreported_) return;
    unreported_ = false;
    lastReport_ = std::chrono::steady_clock::now();
    if (request_.onProgress) request_.onProgress(stats_);
}

int RemoteSession::transfer(const git_indexer_progress& p) {
    if (p.received_objects != stats_.receivedObjects || p.received_bytes != stats_.receivedBytes ||
        p.indexed_objects != stats_.indexedObjects) {
        guard_.noteProgress();
    }
    stats_.receivedObjects = p.received_objects;
    stats_.totalObjects = p.total_objects;
    stats_.indexedObjects = p.indexed_objects;
    stats_.receivedBytes = p.received_bytes;
    auto now = std::chrono::steady_clock::now();
    bool done = p.total_objects > 0 && p.indexed_objects == p.total_objects;
    unreported_ = true;
    if (done || now - lastReport_ >= kProgressEvery) flushProgress();
    return guard_.check();
}

}  // namespace rivetr::git
