// The Source seam: gets one commit of an app's repository onto disk for a deployment, with typed errors.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>

#include "core/git/work_dir.hpp"
#include "core/url_userinfo.hpp"

namespace rivetr::git {

// What went wrong, so the deployment log can name the cause and the API can map it.
enum class SourceErrorKind {
    InvalidInput,     // bad app id, URL or ref syntax
    Unreachable,      // host down, connection refused, DNS, not a repository
    RefNotFound,      // branch, tag or commit absent from the repository
    AuthFailed,       // credentials refused or missing
    UnsupportedKey,   // e.g. an RSA deploy key (see credentials.hpp)
    HostKeyMismatch,  // pinned SSH host key differs
    Cancelled,
    TimedOut,         // overall deadline or stall timeout
    Failed,           // anything else libgit2 reports (message kept)
};

const char* kindName(SourceErrorKind kind);

// Its message never carries a URL's credentials (libgit2's messages and ours quote URLs, and
// a .gitmodules may hold someone's token): it reaches deployment errors, logs and the API.
class SourceError : public std::runtime_error {
public:
    SourceError(SourceErrorKind kind, const std::string& message)
        : std::runtime_error(redactUrlCredentials(message)), kind_(kind) {}
    SourceErrorKind kind() const { return kind_; }

private:
    SourceErrorKind kind_;
};

// How the server is reached. Token: HTTPS basic auth with `username` (GitHub "x-access-token",
// GitLab "oauth2", Gitea/Bitbucket the account name) and the token as password.
struct GitAuth {
    enum class Kind { None, Token, SshKey };
    Kind kind = Kind::None;
    std::string username;
    std::string token;
    std::string privateKey;  // OpenSSH/PEM text, ed25519 or ECDSA
    std::string passphrase;
    // SSH host key pin, "SHA256:<base64>" as OpenSSH prints it; empty = trust on first use.
    std::string pinnedHostKey;
};

enum class GitProvider { GitHub, GitLab, Gitea, Bitbucket };
GitAuth tokenAuth(GitProvider provider, std::string token, std::string user = {});
// The user name and password (or token) an app's URL carried, sent as HTTPS basic auth or SSH
// password; the password may be empty when the user name is the token ("https://<token>@host").
GitAuth passwordAuth(const UrlCredential& credential);

struct TransferStats {
    std::uint64_t receivedObjects = 0;
    std::uint64_t totalObjects = 0;
    std::uint64_t indexedObjects = 0;
    std::uint64_t receivedBytes = 0;
};

struct FetchRequest {
    std::string appId;  // must pass isSafeId: it names the cache directory
    std::string url;
    std::string ref;    // branch, tag or commit SHA (full or >= 7 hex); empty = remote HEAD
    GitAuth auth;
    bool submodules = true;
    std::function<void(const TransferStats&)> onProgress;
    std::function<void(std::string_view)> onRemoteMessage;  // "Counting objects..." lines
    std::chrono::milliseconds deadline{std::chrono::minutes(10)};
    std::chrono::milliseconds stallTimeout{std::chrono::seconds(60)};
    const std::atomic<bool>* cancel = nullptr;
};

struct Checkout {
    WorkDir dir;  // removed when this object dies
    std::string sha;
    std::string message;
    std::string authorName;
    std::string authorEmail;
    std::int64_t authorTimeMs = 0;
    TransferStats fetched;        // what this deployment's fetch transferred
    std::string hostKey;          // SSH host key seen ("SHA256:..."), for the caller to pin
};

struct SourceOptions {
    std::filesystem::path dataDir;  // caches live in <dataDir>/git/<app-id>.git
    std::filesystem::path workRoot; // empty: <dataDir>/work
    // PEM file of extra CAs trusted for HTTPS remotes (a self-hosted Gitea behind a private CA), added
    // to the system's. libgit2 keeps one trust store per process: the last Source made sets it.
    std::filesystem::path extraCaFile;
    // file:// URLs and paths: off in production (they would read any repository on this disk).
    bool allowLocalRepositories = false;
};

class Source {
public:
    virtual ~Source() = default;
    // Fetches what is new into the app's cache, then checks `ref` out into a fresh directory.
    // Throws SourceError; a failed first clone leaves no cache behind.
    virtual Checkout checkout(const FetchRequest& request) = 0;
    // Drops the app's cache (app deleted).
    virtual void forget(const std::string& appId) = 0;
    // Removes checkout directories a previous run left behind (a crash skips their cleanup). Call
    // once at start, before any deployment runs; returns how many were removed.
    virtual std::size_t removeStaleWorkDirs() = 0;
};

std::unique_ptr<Source> makeLibgit2Source(SourceOptions options);

}  // namespace rivetr::git
