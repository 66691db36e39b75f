// The Boost.Asio/Beast includes and aliases every proxy file shares (and the <utility> Boost 1.74's awaitable forgets).
#pragma once

#include <utility>

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

namespace rivetr::proxy {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;
using tcp = boost::asio::ip::tcp;
using boost::asio::awaitable;
using boost::asio::use_awaitable;

// The data plane names its executor concretely: the polymorphic any_io_executor costs a
// type-erased copy on every operation, which showed up at ~6% of CPU in the benchmark profile.
using Executor = asio::io_context::executor_type;
template <class T = void>
using Task = asio::awaitable<T, Executor>;
using TcpStream = beast::basic_stream<tcp, Executor>;
using TcpSocket = asio::basic_stream_socket<tcp, Executor>;
using TcpAcceptor = asio::basic_socket_acceptor<tcp, Executor>;
using Timer = asio::basic_waitable_timer<std::chrono::steady_clock, asio::wait_traits<std::chrono::steady_clock>, Executor>;

// Completion token for Task coroutines that reports errors in `ec` instead of throwing.
inline auto redirect(beast::error_code& ec) { return asio::redirect_error(asio::use_awaitable_t<Executor>{}, ec); }
}  // namespace rivetr::proxy
