// Hop-by-hop headers per RFC 9110 §7.6.1 and the de-facto X-Forwarded-* set.
#include "proxy/forward_headers.hpp"

#include "core/proxy_mark.hpp"
#include "proxy/ascii.hpp"

#include <boost/beast/http/field.hpp>
#include <boost/beast/http/verb.hpp>
#include <random>
#include <vector>

namespace rivetr::proxy {
namespace http = boost::beast::http;

namespace {

constexpr std::string_view kFor = "X-Forwarded-For", kProto = "X-Forwarded-Proto", kHost = "X-Forwarded-Host",
                           kId = "X-Request-Id";

}  // namespace

RequestFields scanRequest(const http::fields& f) {
    RequestFields out;
    bool seenAccept = false, upgradeField = false, connectionUpgrade = false;
    int codings = 0;  // Transfer-Encoding fields
    for (const auto& field : f) {
        const std::string_view value(field.value().data(), field.value().size());
        switch (field.name()) {
            case http::field::host:  // the first one, as Beast's operator[] answers
                if (out.hosts++ == 0) out.host = value;
                break;
            case http::field::transfer_encoding:
                // Exactly "chunked", as nginx requires: list syntax ("chunked,", two fields) is where
                // parsers disagree about whether the body is chunked, which is how requests get smuggled.
                ++codings;
                out.badTransferEncoding = out.badTransferEncoding || !asciiIEquals(trimOws(value), "chunked");
                break;
            case http::field::accept:
                if (!seenAccept) out.accept = value;
                seenAccept = true;
                break;
            case http::field::expect:
                out.hasExpect = true;
                out.expectContinue = out.expectContinue || asciiIEquals(trimOws(value), "100-continue");
                break;
            case http::field::upgrade: upgradeField = upgradeField || !value.empty(); break;
            case http::field::connection:
                forEachListElement(value, [&](std::string_view t) {
                    connectionUpgrade = connectionUpgrade || asciiIEquals(t, "upgrade");
                });
                break;
            default: break;
        }
    }
    out.upgrade = upgradeField && connectionUpgrade;
    out.badTransferEncoding = out.badTransferEncoding || codings > 1;
    return out;
}

bool wantsUpgrade(const http::fields& f) { return scanRequest(f).upgrade; }

void stripHopByHop(http::fields& f, bool keepUpgrade) {
    // One pass over the fields (erasing by name would search the whole set once per name).
    std::vector<std::string> named;  // headers the client named in Connection: hop-by-hop too
    for (auto it = f.begin(); it != f.end();) {
        switch (it->name()) {
            case http::field::connection:
                forEachListElement(std::string_view(it->value().data(), it->value().size()), [&](std::string_view t) {
                    if (!asciiIEquals(t, "upgrade") && !asciiIEquals(t, "keep-alive") && !asciiIEquals(t, "close")) named.emplace_back(t);
                });
                it = f.erase(it);
                break;
            case http::field::upgrade:
                if (keepUpgrade) ++it;
                else it = f.erase(it);
                break;
            case http::field::keep_alive:
            case http::field::proxy_connection:
            case http::field::proxy_authorization:
            case http::field::proxy_authenticate:
            case http::field::te:
            case http::field::trailer: it = f.erase(it); break;
            default: ++it;
        }
    }
    for (const auto& n : named) {
        if (!asciiIEquals(n, "transfer-encoding") && !asciiIEquals(n, "content-length") && !asciiIEquals(n, "host")) f.erase(n);
    }
    if (keepUpgrade) f.set(http::field::connection, "upgrade");
}

Forwarded takeForwarded(http::fields& f, const ForwardInfo& info) {
    // The X-Forwarded-* names are unknown to Beast: find them in one pass by their spelling.
    Forwarded out;
    bool seenFor = false, hasId = false;
    for (auto it = f.begin(); it != f.end();) {
        if (it->name() != http::field::unknown) {
            ++it;
            continue;
        }
        const std::string_view name(it->name_string().data(), it->name_string().size());
        if (asciiIEquals(name, kFor)) {
            if (!seenFor) out.forwardedFor.assign(it->value().data(), it->value().size());
            seenFor = true;
            it = f.erase(it);
        } else if (asciiIEquals(name, kProto) || asciiIEquals(name, kHost) || asciiIEquals(name, kProxyMarkHeader)) {
            // Proto and Host describe this hop's client side: a client cannot spoof them through us;
            // the mark is ours alone to send.
            it = f.erase(it);
        } else {
            hasId = hasId || asciiIEquals(name, kId);
            ++it;
        }
    }
    if (!out.forwardedFor.empty()) out.forwardedFor += ", ";
    out.forwardedFor += info.clientIp;
    out.proto = info.tls ? "https" : "http";
    out.host = info.host;
    out.proxyMark = info.proxyMark;
    if (!hasId) {
        fillRequestId(out.requestId);
        out.newRequestId = true;
    }
    return out;
}

void appendForwarded(std::string& out, const Forwarded& fw) {
    auto line = [&out](std::string_view name, std::string_view value) {
        out += name;
        out += ": ";
        out += value;
        out += "\r\n";
    };
    line(kFor, fw.forwardedFor);
    line(kProto, fw.proto);
    line(kHost, fw.host);
    if (fw.newRequestId) line(kId, {fw.requestId.data(), fw.requestId.size()});
    if (!fw.proxyMark.empty()) line(kProxyMarkHeader, fw.proxyMark);
}

void fillRequestId(std::array<char, 32>& out) {
    // splitmix64 over a per-thread random seed: unique enough for tracing, cheap, never a secret.
    thread_local std::uint64_t state = (std::uint64_t{std::random_device{}()} << 32) ^ std::random_device{}();
    auto next = [] {
        std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    };
    // Two hex digits per table lookup: one of the per-request costs callgrind showed (350 instructions).
    static constexpr auto pairs = [] {
        std::array<char, 512> t{};
        constexpr char hex[] = "0123456789abcdef";
        for (std::size_t b = 0; b < 256; ++b) {
            t[2 * b] = hex[b >> 4];
            t[2 * b + 1] = hex[b & 0xf];
        }
        return t;
    }();
    const std::uint64_t halves[2] = {next(), next()};
    for (std::size_t h = 0; h < 2; ++h) {
        for (std::size_t i = 0; i < 8; ++i) {
            const auto b = static_cast<std::size_t>((halves[h] >> (i * 8)) & 0xff);
            out[h * 16 + 2 * i] = pairs[2 * b];
            out[h * 16 + 2 * i + 1] = pairs[2 * b + 1];
        }
    }
}

std::string newRequestId() {
    std::array<char, 32> id;
    fillRequestId(id);
    return {id.data(), id.size()};
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
