// libFuzzer target for the request path: parse arbitrary bytes as a request, route it, rewrite its headers, render errors;
// and the same bytes as an upstream's answer: the response fast path must agree with Beast on whatever it accepts.
#include <cstddef>
#include <cstdint>

#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "proxy/challenges.hpp"
#include "proxy/error_page.hpp"
#include "proxy/forward_headers.hpp"
#include "proxy/header_writer.hpp"
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

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    checkResponseFastPath(std::string_view(reinterpret_cast<const char*>(data), size));
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
    insertForwarded(req, forwarded);
    (void)isIdempotent(req.method());
    auto page = renderError(502, std::string_view(req[http::field::accept].data(), req[http::field::accept].size()));
    (void)page;
    // Serialising the rewritten header must work for anything the parser accepted.
    req.body().data = nullptr;
    req.body().size = 0;
    req.body().more = false;
    http::request_serializer<http::buffer_body> sr{req};
    std::size_t written = 0;
    while (!sr.is_done() && !ec) {
        sr.next(ec, [&](beast::error_code&, auto const& buffers) {
            auto n = beast::buffer_bytes(buffers);
            written += n;
            sr.consume(n);
        });
        if (ec == http::error::need_buffer) break;
    }
    return 0;
}
