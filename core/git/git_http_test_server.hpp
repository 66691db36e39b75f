// Test helper: a small smart-HTTP git server that runs `git http-backend` as CGI, with optional
// Basic-auth token check and stall modes, so tests drive libgit2 over real HTTP.
#pragma once

#include <atomic>
#include <cstddef>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "core/non_copyable.hpp"


struct ssl_ctx_st;

namespace rivetr::git::test {

struct GitHttpServerOptions {
    std::filesystem::path projectRoot;  // repositories are served as /<dir name under the root>
    std::string user;                   // with `token`: Basic auth required
    std::string token;
    // Pack responses (POST git-upload-pack) send this many bytes, then hang until the server stops.
    std::optional<std::size_t> stallPackAfterBytes;
    // Every request hangs before any byte of the answer (a server that accepts and says nothing).
    bool stallBeforeResponse = false;
    // PEM files: when set, the server speaks HTTPS (certificate for "localhost").
    std::string tlsCert;
    std::string tlsKey;
};

struct Conn;  // one accepted connection, plain or TLS

class GitHttpServer : NonCopyable {
public:
    explicit GitHttpServer(GitHttpServerOptions options);
    ~GitHttpServer();

    std::string url(const std::string& repo) const;
    int requests() const { return requests_.load(); }
    // Pack responses cut off after stallPackAfterBytes (the first part really was sent).
    int stalledMidPack() const { return stalledMidPack_.load(); }

private:
    void acceptLoop();
    void serve(int socket);
    void handle(Conn& conn);
    void hang();

    GitHttpServerOptions opts_;
    int listenFd_ = -1;
    ssl_ctx_st* tls_ = nullptr;
    int port_ = 0;
    std::atomic<bool> stop_{false};
    std::atomic<int> requests_{0};
    std::atomic<int> bodySeq_{0};
    std::atomic<int> stalledMidPack_{0};
    std::thread acceptThread_;
    std::mutex mutex_;
    std::vector<std::thread> workers_;
    std::vector<int> openFds_;
};

}  // namespace rivetr::git::test
