// libFuzzer target for the request path: parse arbitrary bytes as a request, route it, rewrite its headers, render errors;
// the bytes a relayed request body becomes upstream must be exactly one message; and the same bytes as an upstream's
// answer: the response fast path must agree with Beast on whatever it accepts.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "proxy/body_framer.hpp"
#include "proxy/challenges.hpp"
#include "proxy/error_page.hpp"
#include "proxy/forward_headers.hpp"
#include "proxy/header_writer.hpp"
#include "proxy/parse_buffered.hpp"
#include "proxy/request_target.hpp"
#include "proxy/response_head.hpp"
#include "proxy/response_head_reference.hpp"
#include "proxy/route_builder.hpp"

using namespace rivetr::proxy;
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;

namespace {
const Routes& table() {
    static const auto routes = [] {
        DesiredRoutes d;
        d.apps["web"] = AppRoute{"web", {"app.example.com", "*.example.com"}, {{"127.0.0.1", 9001}}, {}, false};
        d.externals["ext.example.org"] = ExternalRoute{"ext.example.org", {"127.0.0.1", 9002}, false};
        return buildRoutes(d, {}).routes;
    }();
    return *routes;
}
// Differential: an answer rewriteSimpleResponse takes must parse in Beast to the same header,
// the same keep-alive, header length and Content-Length (a mismatch would be a smuggling seam).
void checkResponseFastPath(std::string_view bytes) {
    for (bool clientKeep : {true, false}) {
        std::string fast;
        auto r = rewriteSimpleResponse(bytes, clientKeep, fast);
        if (!r) continue;
        auto reference = test::rewriteWithBeast(bytes, clientKeep);
        if (!reference || !test::sameHeader(reference->head, fast) || reference->upstreamKeepAlive != r->upstreamKeepAlive ||
            reference->headLength != r->headLength || reference->contentLength != r->contentLength) {
            __builtin_trap();
        }
    }
}

// How many bytes a string_body parser takes as one whole request from `bytes`, with its body;
// nullopt when they are not one complete, valid request.
std::optional<std::pair<std::size_t, std::string>> wholeRequest(std::string_view bytes) {
    http::request_parser<http::string_body> p;
    p.header_limit(64 * 1024);
    p.body_limit(4 * 1024 * 1024);
    p.eager(true);
    beast::error_code ec;
    std::size_t used = 0;
    while (!ec && !p.is_done() && used < bytes.size()) {
        const auto n = p.put(asio::buffer(bytes.data() + used, bytes.size() - used), ec);
        used += n;
        if (ec == http::error::need_more) ec = {};
        if (n == 0) break;
    }
    if (ec || !p.is_done()) return std::nullopt;
    return std::make_pair(used, p.get().body());
}

// Differential: a request the proxy would relay with a chunked body is run through the relay's
// own steps (parseBuffered into a small chunk buffer, BodyFramer) with the client's bytes all
// buffered. What would go upstream must parse as ONE request that ends exactly at its last byte,
// with the body the client sent, and the client's next request must start where a plain parser
// says the first one ended (an empty body once went out with two last chunks).
void checkRequestFraming(std::string_view bytes) {
    http::request_parser<http::buffer_body> p;
    p.header_limit(16 * 1024);
    p.body_limit(1024 * 1024);
    beast::flat_buffer in;
    in.commit(asio::buffer_copy(in.prepare(bytes.size()), asio::buffer(bytes.data(), bytes.size())));
    beast::error_code ec;
    in.consume(p.put(in.data(), ec));
    if (ec || !p.is_header_done() || !p.chunked()) return;
    auto& req = p.get();
    if (normalizeTarget(req) == TargetForm::Invalid || scanRequest(req).malformed()) return;  // answered 400
    std::string head;
    appendHeaderLines(head, req);
    head += "\r\n";
    std::string upstream, body;
    BodyFramer framer(Framing::Chunked, head);
    std::vector<char> chunk(1 + bytes.size() % 13);  // small and varying: bodies arrive in many pieces
    while (!framer.finished()) {
        std::size_t n = 0;
        if (!p.is_done()) {
            p.get().body().data = chunk.data();
            p.get().body().size = chunk.size();
            const auto before = in.size();
            if (!parseBuffered(in, p, ec) && in.size() == before) return;  // the rest has not arrived
            if (ec) return;                                                // the client gets a 400
            n = chunk.size() - p.get().body().size;
        }
        body.append(chunk.data(), n);
        for (const auto& b : framer.frame(chunk.data(), n, p.is_done())) {
            upstream.append(static_cast<const char*>(b.data()), b.size());
        }
    }
    const auto sent = wholeRequest(upstream);
    if (!sent || sent->first != upstream.size() || sent->second != body) __builtin_trap();
    const auto client = wholeRequest(bytes);
    if (!client || client->second != body || client->first != bytes.size() - in.size()) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    checkResponseFastPath(std::string_view(reinterpret_cast<const char*>(data), size));
    checkRequestFraming(std::string_view(reinterpret_cast<const char*>(data), size));
    http::request_parser<http::buffer_body> p;
    p.header_limit(16 * 1024);
    p.body_limit(1024 * 1024);
    p.eager(true);
    char body[4096];
    p.get().body().data = body;
    p.get().body().size = sizeof body;
    beast::error_code ec;
    p.put(asio::buffer(data, size), ec);
    if (!p.is_header_done()) return 0;
    auto& req = p.get();
    const auto host = req[http::field::host];
    const Backend* be = table().find(std::string_view(host.data(), host.size()));
    (void)be;
    (void)normalizeHost(std::string_view(host.data(), host.size()));
    Challenges challenges;
    challenges.set("token", "token.thumb");
    (void)challenges.answer(std::string_view(req.target().data(), req.target().size()));
    const bool upgrade = wantsUpgrade(req);
    stripHopByHop(req, upgrade);
    const std::string hostCopy(host.data(), host.size());
    const auto forwarded = takeForwarded(req, {"127.0.0.1", false, hostCopy});
    // The fast path's hand-written header must parse back to the same request line and fields.
    std::string head;
    appendHeaderLines(head, req);
    appendForwarded(head, forwarded);
    head += "\r\n";
    http::request_parser<http::empty_body> again;
    again.header_limit(64 * 1024);
    beast::error_code againEc;
    again.put(asio::buffer(head), againEc);
    if (againEc || !again.is_header_done() || again.get().target() != req.target() ||
        again.get().method_string() != req.method_string()) {
        __builtin_trap();
    }
    (void)isIdempotent(req.method());
    auto page = renderError(502, std::string_view(req[http::field::accept].data(), req[http::field::accept].size()));
    (void)page;
    return 0;
}
