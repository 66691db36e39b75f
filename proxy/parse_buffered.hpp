// Feeding body bytes that are already buffered to a parser without a read: shared by the relay and the framing fuzz target.
#pragma once

#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/buffer_body.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>

namespace rivetr::proxy {

// Feeds body bytes already buffered (a small message usually arrives with its header) straight
// to the parser: an async read would cost a trip through the scheduler for no I/O at all.
// True when that made progress in the body or failed (`ec` set); false means a real read is needed.
template <bool isRequest>
bool parseBuffered(boost::beast::flat_buffer& buf, boost::beast::http::parser<isRequest, boost::beast::http::buffer_body>& p,
                   boost::beast::error_code& ec) {
    namespace http = boost::beast::http;
    if (buf.size() == 0) return false;
    const auto room = p.get().body().size;
    p.eager(true);
    boost::beast::error_code pe;
    buf.consume(p.put(buf.data(), pe));
    if (pe && pe != http::error::need_more && pe != http::error::need_buffer) {
        ec = pe;
        return true;
    }
    return p.is_done() || p.get().body().size != room;
}

}  // namespace rivetr::proxy
