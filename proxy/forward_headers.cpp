// Hop-by-hop headers per RFC 9110 §7.6.1 and the de-facto X-Forwarded-* set.
#include "proxy/forward_headers.hpp"

#include <boost/beast/http/field.hpp>
#include <boost/beast/http/verb.hpp>
#include <random>
#include <vector>

namespace rivetr::proxy {
namespace http = boost::beast::http;

namespace {

bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
    }
    return true;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

template <class Fn>
void forEachToken(std::string_view list, Fn fn) {
    while (!list.empty()) {
        auto comma = list.find(',');
        auto tok = trim(list.substr(0, comma));
        if (!tok.empty()) fn(tok);
        if (comma == std::string_view::npos) break;
        list.remove_prefix(comma + 1);
    }
}

}  // namespace

bool wantsUpgrade(const http::fields& f) {
    auto it = f.find(http::field::upgrade);
    if (it == f.end() || it->value().empty()) return false;
    bool upgrade = false;
    for (auto c = f.find(http::field::connection); c != f.end() && c->name() == http::field::connection; ++c) {
        forEachToken(std::string_view(c->value().data(), c->value().size()),
                     [&](std::string_view t) { upgrade = upgrade || iequals(t, "upgrade"); });
    }
    return upgrade;
}

void stripHopByHop(http::fields& f, bool keepUpgrade) {
    // Headers the client named in Connection are hop-by-hop too.
    std::vector<std::string> named;
    for (auto c = f.find(http::field::connection); c != f.end() && c->name() == http::field::connection; ++c) {
        forEachToken(std::string_view(c->value().data(), c->value().size()), [&](std::string_view t) {
            if (!iequals(t, "upgrade") && !iequals(t, "keep-alive") && !iequals(t, "close")) named.emplace_back(t);
        });
    }
    for (const auto& n : named) {
        if (!iequals(n, "transfer-encoding") && !iequals(n, "content-length") && !iequals(n, "host")) f.erase(n);
    }
    f.erase(http::field::keep_alive);
    f.erase(http::field::proxy_connection);
    f.erase(http::field::proxy_authorization);
    f.erase(http::field::proxy_authenticate);
    f.erase(http::field::te);
    f.erase(http::field::trailer);
    if (keepUpgrade) {
        f.set(http::field::connection, "upgrade");
    } else {
        f.erase(http::field::connection);
        f.erase(http::field::upgrade);
    }
}

void addForwarded(http::fields& f, const ForwardInfo& info) {
    auto xff = f.find("X-Forwarded-For");
    if (xff != f.end() && !xff->value().empty()) {
        std::string v(xff->value());
        v += ", ";
        v += info.clientIp;
        f.set("X-Forwarded-For", v);
    } else {
        f.set("X-Forwarded-For", info.clientIp);
    }
    // Proto and Host describe this hop's client side: a client cannot spoof them through us.
    f.set("X-Forwarded-Proto", info.tls ? "https" : "http");
    f.set("X-Forwarded-Host", std::string(info.host));
    if (f.find("X-Request-Id") == f.end()) f.set("X-Request-Id", newRequestId());
}

std::string newRequestId() {
    thread_local std::mt19937_64 rng{std::random_device{}()};
    static const char* hex = "0123456789abcdef";
    std::string out(32, '0');
    auto a = rng(), b = rng();
    for (int i = 0; i < 16; ++i) {
        out[static_cast<std::size_t>(i)] = hex[(a >> (i * 4)) & 0xf];
        out[static_cast<std::size_t>(16 + i)] = hex[(b >> (i * 4)) & 0xf];
    }
    return out;
}

bool isIdempotent(http::verb m) {
    switch (m) {
        case http::verb::get:
        case http::verb::head:
        case http::verb::options:
        case http::verb::trace:
        case http::verb::put:
        case http::verb::delete_: return true;
        default: return false;
    }
}

}  // namespace rivetr::proxy
