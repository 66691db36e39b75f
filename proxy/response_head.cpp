// One strict pass over an upstream response header: every doubt is answered "not simple", and Beast's parser decides.
#include "proxy/response_head.hpp"

#include <array>
#include <cstring>

#include "proxy/ascii.hpp"
#include "proxy/forward_headers.hpp"

namespace rivetr::proxy {
namespace {

// RFC 9110 token characters: what a field name may hold.
constexpr std::array<bool, 256> kTokenByte = [] {
    std::array<bool, 256> t{};
    for (int c = '0'; c <= '9'; ++c) t[static_cast<std::size_t>(c)] = true;
    for (int c = 'a'; c <= 'z'; ++c) t[static_cast<std::size_t>(c)] = true;
    for (int c = 'A'; c <= 'Z'; ++c) t[static_cast<std::size_t>(c)] = true;
    for (char c : std::string_view("!#$%&'*+-.^_`|~")) t[static_cast<unsigned char>(c)] = true;
    return t;
}();

// Field values and reason phrases: HTAB, SP, visible ASCII and obs-text; never CR, LF, NUL or DEL.
bool textByte(char c) {
    const auto u = static_cast<unsigned char>(c);
    return u == '\t' || (u >= 0x20 && u != 0x7f);
}

bool isToken(std::string_view s) {
    if (s.empty()) return false;
    for (char c : s) {
        if (!kTokenByte[static_cast<unsigned char>(c)]) return false;
    }
    return true;
}

bool hopByHop(std::string_view name) {
    for (auto h : kHopByHopFields) {
        if (asciiIEquals(name, h)) return true;
    }
    return false;
}

// Connection tokens: false when one asks for more than close/keep-alive (an upgrade, or a field
// named as hop-by-hop): Beast's path handles those.
bool readConnection(std::string_view value, bool& close, bool& keepAlive) {
    bool simple = true;
    forEachListElement(value, [&](std::string_view token) {
        if (asciiIEquals(token, "close")) close = true;
        else if (asciiIEquals(token, "keep-alive")) keepAlive = true;
        else simple = false;
    });
    return simple;
}

std::optional<std::uint64_t> readLength(std::string_view v) {
    if (v.empty() || v.size() > 18) return std::nullopt;  // 18 digits cannot overflow
    std::uint64_t n = 0;
    for (char c : v) {
        if (c < '0' || c > '9') return std::nullopt;
        n = n * 10 + static_cast<std::uint64_t>(c - '0');
    }
    return n;
}

// "HTTP/1.x SSS reason": version 10 or 11, status and a non-empty reason.
bool readStatusLine(std::string_view line, unsigned& version, int& status, std::string_view& reason) {
    if (line.size() < 13 || line.substr(0, 7) != "HTTP/1." || line[8] != ' ' || line[12] != ' ') return false;
    if (line[7] != '0' && line[7] != '1') return false;
    version = line[7] == '1' ? 11 : 10;
    status = 0;
    for (std::size_t i = 9; i < 12; ++i) {
        if (line[i] < '0' || line[i] > '9') return false;
        status = status * 10 + (line[i] - '0');
    }
    reason = line.substr(13);
    if (reason.empty()) return false;  // Beast writes the standard reason in its place: its path decides
    for (char c : reason) {
        if (!textByte(c)) return false;
    }
    return true;
}

}  // namespace

std::optional<SimpleResponse> rewriteSimpleResponse(std::string_view bytes, bool clientKeepAlive, std::string& out,
                                                    std::size_t maxHeaderBytes) {
    const auto end = bytes.find("\r\n\r\n");
    if (end == std::string_view::npos || end + 4 > maxHeaderBytes) return std::nullopt;
    const std::string_view head = bytes.substr(0, end + 2);  // every line with its CRLF

    auto lineEnd = head.find("\r\n");
    unsigned version = 0;
    SimpleResponse r;
    std::string_view reason;
    if (!readStatusLine(head.substr(0, lineEnd), version, r.status, reason)) return std::nullopt;
    if (r.status < 200 || r.status > 599 || r.status == 204 || r.status == 304) return std::nullopt;

    // Validate everything before writing anything: `out` stays unchanged when the answer is no.
    bool close = false, keepAlive = false, haveLength = false;
    std::size_t fieldsFrom = lineEnd + 2;
    for (std::size_t pos = fieldsFrom; pos < head.size(); pos = lineEnd + 2) {
        lineEnd = head.find("\r\n", pos);
        const auto line = head.substr(pos, lineEnd - pos);
        const auto colon = line.find(':');
        if (colon == std::string_view::npos || !isToken(line.substr(0, colon))) return std::nullopt;  // obs-fold too
        const auto name = line.substr(0, colon);
        const auto raw = line.substr(colon + 1);
        for (char c : raw) {
            if (!textByte(c)) return std::nullopt;  // a bare CR or LF, NUL, DEL
        }
        const auto value = trimOws(raw);
        if (asciiIEquals(name, "content-length")) {
            auto n = readLength(value);
            if (!n || haveLength) return std::nullopt;
            r.contentLength = *n;
            haveLength = true;
        } else if (asciiIEquals(name, "transfer-encoding")) {
            return std::nullopt;
        } else if (asciiIEquals(name, "connection")) {
            if (!readConnection(value, close, keepAlive)) return std::nullopt;
        }
    }
    if (!haveLength) return std::nullopt;
    r.upstreamKeepAlive = !close && (version == 11 || keepAlive);
    r.headLength = end + 4;

    out.append("HTTP/1.1 ", 9);
    out.append(head.substr(9, 3));
    out += ' ';
    out.append(reason);
    out.append("\r\n", 2);
    for (std::size_t pos = fieldsFrom; pos < head.size(); pos = lineEnd + 2) {
        lineEnd = head.find("\r\n", pos);
        const auto line = head.substr(pos, lineEnd - pos);
        const auto colon = line.find(':');
        const auto name = line.substr(0, colon);
        if (hopByHop(name)) continue;
        out.append(name);
        out.append(": ", 2);
        out.append(trimOws(line.substr(colon + 1)));
        out.append("\r\n", 2);
    }
    if (!clientKeepAlive) out.append("Connection: close\r\n");
    out.append("\r\n", 2);
    return r;
}

}  // namespace rivetr::proxy
