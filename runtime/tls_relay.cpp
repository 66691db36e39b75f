// A TLS client connection to a remote engine, relayed in clear to one end of a socketpair by a thread of its own.
#include "runtime/tls_relay.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>
#include <thread>

#include "runtime/engine_stream.hpp"

namespace rivetr::runtime {
namespace {

using Clock = std::chrono::steady_clock;
using SslPtr = std::unique_ptr<SSL, decltype(&SSL_free)>;
using CtxPtr = std::unique_ptr<SSL_CTX, decltype(&SSL_CTX_free)>;
using BioPtr = std::unique_ptr<BIO, decltype(&BIO_free)>;

[[noreturn]] void unavailable(const DockerEndpoint& ep, const std::string& what) {
    throw RuntimeError(ErrorKind::DaemonUnavailable, what + " (" + ep.describe() + ")");
}

std::string opensslReason() {
    unsigned long e = ERR_get_error();
    char buf[256] = "unknown TLS error";
    if (e) ERR_error_string_n(e, buf, sizeof buf);
    ERR_clear_error();
    return buf;
}

struct HostPort {
    std::string host, port;
};

// "https://host:port[/]" or "https://[v6]:port"; the port defaults to Docker's TLS port.
HostPort parseUrl(const DockerEndpoint& ep) {
    std::string rest = ep.tcpUrl.substr(ep.tcpUrl.find("://") == std::string::npos ? 0 : ep.tcpUrl.find("://") + 3);
    rest = rest.substr(0, rest.find('/'));
    HostPort hp{rest, "2376"};
    auto colon = rest.rfind(':');
    if (!rest.empty() && rest[0] == '[') {
        auto close = rest.find(']');
        if (close == std::string::npos) throw RuntimeError(ErrorKind::InvalidArgument, "bad engine address " + ep.tcpUrl);
        hp.host = rest.substr(1, close - 1);
        if (colon != std::string::npos && colon > close) hp.port = rest.substr(colon + 1);
    } else if (colon != std::string::npos) {
        hp.host = rest.substr(0, colon);
        hp.port = rest.substr(colon + 1);
    }
    if (hp.host.empty()) throw RuntimeError(ErrorKind::InvalidArgument, "bad engine address " + ep.tcpUrl);
    return hp;
}

// A non-blocking TCP connection to the first address that answers before the deadline.
int connectTcp(const HostPort& hp, Clock::time_point deadline, const DockerEndpoint& ep) {
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_NUMERICSERV;
    addrinfo* found = nullptr;
    if (int rc = ::getaddrinfo(hp.host.c_str(), hp.port.c_str(), &hints, &found); rc != 0)
        unavailable(ep, "cannot resolve " + hp.host + ": " + ::gai_strerror(rc));
    std::unique_ptr<addrinfo, decltype(&::freeaddrinfo)> list(found, ::freeaddrinfo);
    std::string why = "no address";
    for (addrinfo* a = found; a; a = a->ai_next) {
        int fd = ::socket(a->ai_family, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
        if (fd < 0) continue;
        int rc = ::connect(fd, a->ai_addr, a->ai_addrlen);
        if (rc != 0 && errno == EINPROGRESS && waitForFd(fd, POLLOUT, deadline)) {
            int err = 0;
            socklen_t len = sizeof err;
            ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len);
            rc = err == 0 ? 0 : -1;
            errno = err ? err : ETIMEDOUT;
        } else if (rc != 0 && errno == EINPROGRESS) {
            errno = ETIMEDOUT;
        }
        if (rc == 0) return fd;
        why = std::strerror(errno);
        ::close(fd);
    }
    unavailable(ep, "cannot connect to " + hp.host + ":" + hp.port + ": " + why);
}

// PEM text in memory wins over a file; with neither, nothing is loaded (for a CA: the system's).
bool loadCa(SSL_CTX* ctx, const DockerEndpoint& ep) {
    if (ep.tlsCaPem.empty())
        return ep.tlsCaCert.empty() ? SSL_CTX_set_default_verify_paths(ctx) == 1
                                    : SSL_CTX_load_verify_locations(ctx, ep.tlsCaCert.c_str(), nullptr) == 1;
    BioPtr bio(BIO_new_mem_buf(ep.tlsCaPem.data(), static_cast<int>(ep.tlsCaPem.size())), BIO_free);
    X509_STORE* store = SSL_CTX_get_cert_store(ctx);
    int added = 0;
    while (X509* cert = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr)) {
        added += X509_STORE_add_cert(store, cert) == 1;
        X509_free(cert);
    }
    ERR_clear_error();  // the end of the PEM text reads as an error
    return added > 0;
}

bool loadIdentity(SSL_CTX* ctx, const DockerEndpoint& ep) {
    if (ep.tlsClientCertPem.empty() && ep.tlsClientCert.empty()) return true;  // no client certificate
    bool ok = true;
    if (!ep.tlsClientCertPem.empty()) {
        BioPtr bio(BIO_new_mem_buf(ep.tlsClientCertPem.data(), static_cast<int>(ep.tlsClientCertPem.size())), BIO_free);
        X509* cert = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr);
        ok = cert && SSL_CTX_use_certificate(ctx, cert) == 1;
        X509_free(cert);
    } else {
        ok = SSL_CTX_use_certificate_chain_file(ctx, ep.tlsClientCert.c_str()) == 1;
    }
    if (!ep.tlsClientKeyPem.empty()) {
        BioPtr bio(BIO_new_mem_buf(ep.tlsClientKeyPem.data(), static_cast<int>(ep.tlsClientKeyPem.size())), BIO_free);
        EVP_PKEY* key = PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr);
        ok = ok && key && SSL_CTX_use_PrivateKey(ctx, key) == 1;
        EVP_PKEY_free(key);
    } else {
        ok = ok && SSL_CTX_use_PrivateKey_file(ctx, ep.tlsClientKey.c_str(), SSL_FILETYPE_PEM) == 1;
    }
    return ok && SSL_CTX_check_private_key(ctx) == 1;
}

// The engine is checked as curl checks it for every other call: the chain against the CA, and the
// certificate's names against the host (an IP address against its IP SANs).
SslPtr clientFor(const HostPort& hp, const DockerEndpoint& ep) {
    CtxPtr ctx(SSL_CTX_new(TLS_client_method()), SSL_CTX_free);
    if (!ctx) unavailable(ep, "TLS: " + opensslReason());
    SSL_CTX_set_min_proto_version(ctx.get(), TLS1_2_VERSION);
    SSL_CTX_set_verify(ctx.get(), SSL_VERIFY_PEER, nullptr);
    SSL_CTX_set_mode(ctx.get(), SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
    if (!loadCa(ctx.get(), ep)) unavailable(ep, "TLS: the CA certificate cannot be loaded: " + opensslReason());
    if (!loadIdentity(ctx.get(), ep)) unavailable(ep, "TLS: the client certificate or key cannot be loaded: " + opensslReason());
    SslPtr ssl(SSL_new(ctx.get()), SSL_free);  // holds its own reference to the context
    if (!ssl) unavailable(ep, "TLS: " + opensslReason());
    in6_addr ip{};
    bool isIp = ::inet_pton(AF_INET, hp.host.c_str(), &ip) == 1 || ::inet_pton(AF_INET6, hp.host.c_str(), &ip) == 1;
    X509_VERIFY_PARAM* param = SSL_get0_param(ssl.get());
    if (isIp) {
        X509_VERIFY_PARAM_set1_ip_asc(param, hp.host.c_str());
    } else {
        // SSL_set_tlsext_host_name is a macro with a C cast; this is what it expands to.
        SSL_ctrl(ssl.get(), SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name, const_cast<char*>(hp.host.c_str()));
        X509_VERIFY_PARAM_set1_host(param, hp.host.c_str(), 0);
    }
    return ssl;
}

// What OpenSSL is waiting for after `ret`: POLLIN, POLLOUT, or 0 when it failed for good.
short wants(SSL* ssl, int ret) {
    switch (SSL_get_error(ssl, ret)) {
        case SSL_ERROR_WANT_READ: return POLLIN;
        case SSL_ERROR_WANT_WRITE: return POLLOUT;
        default: return 0;
    }
}

void handshake(SSL* ssl, int fd, Clock::time_point deadline, const DockerEndpoint& ep) {
    for (;;) {
        int rc = SSL_connect(ssl);
        if (rc == 1) return;
        short ev = wants(ssl, rc);
        if (!ev) {
            long verify = SSL_get_verify_result(ssl);
            std::string why = verify != X509_V_OK ? X509_verify_cert_error_string(verify) : opensslReason();
            unavailable(ep, "TLS handshake failed: " + why);
        }
        if (!waitForFd(fd, ev, deadline)) unavailable(ep, "TLS handshake timed out");
    }
}

// Moves bytes both ways between the caller's end of the socketpair (blocking) and the TLS connection
// (non-blocking); owns both descriptors and the SSL object.
class Relay {
public:
    Relay(SSL* ssl, int tlsFd, int localFd) : ssl_(ssl, SSL_free), tlsFd_(tlsFd), localFd_(localFd) {}
    ~Relay() {
        ::close(tlsFd_);
        ::close(localFd_);
    }

    void run() {
        while (!done_) {
            pollfd p[2] = {{tlsOpen_ ? tlsFd_ : -1, static_cast<short>(POLLIN | tlsWants_), 0},
                           {localFd_, static_cast<short>(inputOpen_ && toTls_.empty() ? POLLIN : 0), 0}};
            bool buffered = tlsOpen_ && SSL_pending(ssl_.get()) > 0;  // decrypted already: no poll would show it
            if (!buffered && ::poll(p, 2, -1) < 0) {
                if (errno == EINTR) continue;
                return;
            }
            if (p[1].revents & (POLLIN | POLLHUP | POLLERR)) fromCaller(p[1].revents);
            if (!toTls_.empty()) toEngine();
            if (buffered || (p[0].revents & (POLLIN | POLLOUT | POLLHUP | POLLERR))) fromEngine();
            if (!tlsOpen_ && !inputOpen_) return;
        }
    }

private:
    // POLLHUP without data: the caller closed its end for good (the terminal's teardown).
    void fromCaller(short revents) {
        if (!inputOpen_) {
            done_ = (revents & POLLHUP) != 0;
            return;
        }
        char buf[16384];
        ssize_t n = ::read(localFd_, buf, sizeof buf);
        if (n > 0) {
            toTls_.assign(buf, static_cast<std::size_t>(n));
            return;
        }
        if (n < 0 && (errno == EINTR || errno == EAGAIN)) return;
        inputOpen_ = false;  // EOF: the caller half-closed (the engine's input ends) or closed
        if (tlsOpen_) SSL_shutdown(ssl_.get());  // close_notify; the engine may still answer
        done_ = (revents & POLLHUP) != 0;
    }

    void toEngine() {
        if (!tlsOpen_) return toTls_.clear();
        int rc = SSL_write(ssl_.get(), toTls_.data(), static_cast<int>(toTls_.size()));
        if (rc > 0) {
            toTls_.erase(0, static_cast<std::size_t>(rc));
            tlsWants_ = 0;
            return;
        }
        tlsWants_ = wants(ssl_.get(), rc) == POLLOUT ? POLLOUT : 0;
        if (!wants(ssl_.get(), rc)) engineClosed();
    }

    void fromEngine() {
        char buf[16384];
        while (tlsOpen_) {
            int n = SSL_read(ssl_.get(), buf, sizeof buf);
            if (n <= 0) {
                if (!wants(ssl_.get(), n)) engineClosed();
                return;
            }
            for (int off = 0; off < n;) {
                ssize_t sent = ::send(localFd_, buf + off, static_cast<std::size_t>(n - off), MSG_NOSIGNAL);
                if (sent < 0 && errno == EINTR) continue;
                if (sent <= 0) {
                    done_ = true;  // the caller is gone
                    return;
                }
                off += static_cast<int>(sent);
            }
        }
    }

    // The engine ended the stream: the caller reads EOF.
    void engineClosed() {
        tlsOpen_ = false;
        toTls_.clear();
        ERR_clear_error();
        ::shutdown(localFd_, SHUT_WR);
    }

    SslPtr ssl_;
    int tlsFd_, localFd_;
    std::string toTls_;  // read from the caller, not yet taken by SSL_write (retried with the same bytes)
    bool inputOpen_ = true, tlsOpen_ = true, done_ = false;
    short tlsWants_ = 0;
};

}  // namespace

int openTlsRelay(const DockerEndpoint& ep, Clock::time_point deadline) {
    HostPort hp = parseUrl(ep);
    int tlsFd = connectTcp(hp, deadline, ep);
    SslPtr ssl(nullptr, SSL_free);
    try {
        ssl = clientFor(hp, ep);
        SSL_set_fd(ssl.get(), tlsFd);
        handshake(ssl.get(), tlsFd, deadline, ep);
    } catch (...) {
        ::close(tlsFd);
        throw;
    }
    int pair[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair) != 0) {
        ::close(tlsFd);
        unavailable(ep, std::string("socketpair: ") + std::strerror(errno));
    }
    std::thread([s = ssl.release(), tlsFd, local = pair[1]] { Relay(s, tlsFd, local).run(); }).detach();
    return pair[0];
}

}  // namespace rivetr::runtime
