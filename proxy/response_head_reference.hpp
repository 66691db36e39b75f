// Tests and the fuzz target: what Beast's path writes for a response header, to hold rewriteSimpleResponse to it.
#pragma once

#include <limits>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/beast/core/error.hpp>
#include <boost/beast/http.hpp>

#include "proxy/ascii.hpp"
#include "proxy/forward_headers.hpp"
#include "proxy/header_writer.hpp"

namespace rivetr::proxy::test {

struct BeastRewrite {
    std::string head;         // the header the client would get
    bool upstreamKeepAlive;
    std::size_t headLength;   // bytes Beast took as the header
    std::optional<std::uint64_t> contentLength;
};

// The same steps as the session's Beast path: parse, strip hop-by-hop fields, HTTP/1.1, keep-alive as the client's.
inline std::optional<BeastRewrite> rewriteWithBeast(std::string_view bytes, bool clientKeepAlive) {
    namespace http = boost::beast::http;
    http::response_parser<http::empty_body> p;
    p.eager(false);
    p.body_limit(std::numeric_limits<std::uint64_t>::max());  // as the session's Beast path: no limit on answers
    boost::beast::error_code ec;
    const auto used = p.put(boost::asio::buffer(bytes.data(), bytes.size()), ec);
    if (ec || !p.is_header_done()) return std::nullopt;
    BeastRewrite r{{}, p.keep_alive(), used, std::nullopt};
    if (p.content_length()) r.contentLength = *p.content_length();
    auto& res = p.get();
    stripHopByHop(res, false);
    res.version(11);
    res.keep_alive(clientKeepAlive);
    appendHeader(r.head, res);
    return r;
}

// Equal as HTTP says headers are equal: the same start line, and per field name (any case) the same
// values in the same order. Beast files a repeated name next to its first occurrence, the fast path
// keeps the upstream's order; the order of different names carries no meaning (RFC 9110 §5.3).
inline bool sameHeader(std::string_view a, std::string_view b) {
    auto split = [](std::string_view h) {
        std::pair<std::string, std::map<std::string, std::vector<std::string>>> out;
        auto eol = h.find("\r\n");
        out.first = std::string(h.substr(0, eol));
        for (auto pos = eol + 2; pos < h.size(); pos = eol + 2) {
            eol = h.find("\r\n", pos);
            if (eol == std::string_view::npos || eol == pos) break;
            auto line = h.substr(pos, eol - pos);
            auto colon = line.find(':');
            std::string name(line.substr(0, colon));
            for (auto& c : name) c = asciiLower(c);
            out.second[name].emplace_back(colon == std::string_view::npos ? "" : line.substr(colon));
        }
        return out;
    };
    return split(a) == split(b);
}

}  // namespace rivetr::proxy::test
