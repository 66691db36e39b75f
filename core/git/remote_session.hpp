// The libgit2 callbacks of one fetch: credentials, host-key pinning, progress, and the guard's verdict.
#pragma once

#include <git2.h>

#include <chrono>
#include <optional>
#include <string>

#include "core/git/source.hpp"
#include "core/git/transfer_guard.hpp"
#include "core/non_copyable.hpp"

namespace rivetr::git {

class RemoteSession : NonCopyable {
public:
    RemoteSession(const FetchRequest& request, TransferGuard& guard);

    // Callbacks whose payload is this object: keep it alive while libgit2 may call them.
    git_remote_callbacks callbacks();
    TransferGuard& guard() { return guard_; }
    const TransferGuard& guard() const { return guard_; }
    const TransferStats& stats() const { return stats_; }
    const std::string& hostKey() const { return hostKey_; }
    // A failure a callback knew the cause of (credentials refused, host key changed).
    const std::optional<SourceError>& failure() const { return failure_; }
    // Reports the latest stats if the throttle held them back (end of a fetch, failed or not).
    void flushProgress();
    // Starts counting credential attempts afresh (each remote gets one try).
    void resetAttempts() { attempts_ = 0; }

private:
    static int onCredential(git_credential** out, const char* url, const char* userFromUrl,
                            unsigned int allowed, void* payload);
    static int onCertificate(git_cert* cert, int valid, const char* host, void* payload);
    static int onTransfer(const git_indexer_progress* stats, void* payload);
    static int onSideband(const char* text, int len, void* payload);

    int credential(git_credential** out, const std::string& url, const char* userFromUrl, unsigned int allowed);
    int certificate(git_cert* cert, const char* host);
    int transfer(const git_indexer_progress& p);

    const FetchRequest& request_;
    TransferGuard& guard_;
    std::string appHost_;
    TransferStats stats_;
    std::string hostKey_;
    std::optional<SourceError> failure_;
    int attempts_ = 0;
    std::chrono::steady_clock::time_point lastReport_{};
    bool unreported_ = false;
};

}  // namespace rivetr::git
