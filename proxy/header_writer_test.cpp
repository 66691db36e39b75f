// The fast header writer must put on the wire exactly what Beast's serializer would (the proxy switched from one to the other).
#include <gtest/gtest.h>

#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>

#include "proxy/header_writer.hpp"

namespace rivetr::proxy {
namespace {
namespace http = boost::beast::http;

template <bool isRequest>
std::string beastHeader(const http::message<isRequest, http::empty_body>& m) {
    http::serializer<isRequest, http::empty_body> sr{m};
    std::string out;
    boost::beast::error_code ec;
    sr.split(true);
    while (!sr.is_header_done()) {
        sr.next(ec, [&](boost::beast::error_code&, const auto& buffers) {
            for (auto b : boost::beast::buffers_range_ref(buffers)) out.append(static_cast<const char*>(b.data()), b.size());
            sr.consume(boost::beast::buffer_bytes(buffers));
        });
        if (ec) throw boost::system::system_error(ec);
    }
    return out;
}

template <bool isRequest>
http::message<isRequest, http::empty_body> parse(const std::string& wire) {
    http::parser<isRequest, http::empty_body> p;
    p.eager(true);
    boost::beast::error_code ec;
    p.put(boost::asio::buffer(wire), ec);
    EXPECT_FALSE(ec) << ec.message();
    return p.release();
}

TEST(HeaderWriter, RequestMatchesBeastIncludingOddFieldsAndRepeats) {
    auto req = parse<true>(
        "PURGE /a/b?c=d%20e HTTP/1.1\r\nHost: App.Example.com:8080\r\nX-Custom-Thing:  spaced \r\n"
        "Set-Cookie: a=1\r\nset-cookie: b=2\r\nAccept: */*\r\nContent-Length: 0\r\n\r\n");
    req.set("X-Forwarded-For", "10.0.0.1, 127.0.0.1");
    req.erase(http::field::accept);
    std::string out = "prefix";
    appendHeader(out, req);
    EXPECT_EQ(out, "prefix" + beastHeader(req));
    EXPECT_NE(out.find("PURGE /a/b?c=d%20e HTTP/1.1\r\n"), std::string::npos);
    EXPECT_NE(out.find("X-Custom-Thing: spaced\r\n"), std::string::npos);
    EXPECT_EQ(out.find("Accept"), std::string::npos);
}

TEST(HeaderWriter, ResponseKeepsTheUpstreamReasonOrTheStandardOne) {
    auto res = parse<false>("HTTP/1.1 299 Quite Fine\r\nContent-Length: 5\r\nConnection: close\r\n\r\n");
    res.keep_alive(true);
    std::string out;
    appendHeader(out, res);
    EXPECT_EQ(out, beastHeader(res));
    EXPECT_EQ(out.rfind("HTTP/1.1 299 Quite Fine\r\n", 0), 0u);

    http::response<http::empty_body> plain{http::status::not_found, 10};
    plain.set(http::field::server, "x");
    out.clear();
    appendHeader(out, plain);
    EXPECT_EQ(out, beastHeader(plain));
    EXPECT_EQ(out, "HTTP/1.0 404 Not Found\r\nServer: x\r\n\r\n");
}

}  // namespace
}  // namespace rivetr::proxy
