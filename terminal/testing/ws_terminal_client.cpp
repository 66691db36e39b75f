// A terminal client for tests: a real WebSocket (Beast) that opens, types, resizes, reads back and hangs up.
#include "terminal/testing/ws_terminal_client.hpp"

#include <utility>  // before Asio: Boost 1.74's awaitable.hpp uses std::exchange without it

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>

namespace rivetr::terminal::testing {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = boost::beast::websocket;
using tcp = asio::ip::tcp;

struct WsTerminalClient::Impl {
    asio::io_context ioc;
    websocket::stream<tcp::socket> ws{ioc};
    beast::flat_buffer buffer;
};

WsTerminalClient::WsTerminalClient() : impl_(std::make_unique<Impl>()) {}
WsTerminalClient::~WsTerminalClient() = default;

int WsTerminalClient::open(std::uint16_t port, const std::string& target, const std::map<std::string, std::string>& headers,
                           std::string* body) {
    auto& ws = impl_->ws;
    ws.next_layer().connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
    ws.set_option(websocket::stream_base::decorator([headers](websocket::request_type& req) {
        for (const auto& [k, v] : headers) req.set(k, v);
    }));
    // The asynchronous handshake: Boost 1.74's synchronous one leaves `res` empty when the answer is not a 101.
    websocket::response_type res;
    ws.async_handshake(res, "127.0.0.1:" + std::to_string(port), target, [](const boost::system::error_code&) {});
    impl_->ioc.restart();
    impl_->ioc.run();
    if (body) *body = res.body();
    return static_cast<int>(res.result_int());
}

void WsTerminalClient::type(std::string_view keys) {
    impl_->ws.binary(true);
    impl_->ws.write(asio::buffer(keys.data(), keys.size()));
}

void WsTerminalClient::resize(unsigned cols, unsigned rows) {
    impl_->ws.text(true);
    impl_->ws.write(asio::buffer(R"({"type":"resize","cols":)" + std::to_string(cols) + R"(,"rows":)" +
                                 std::to_string(rows) + "}"));
}

bool WsTerminalClient::readOnce(std::chrono::milliseconds wait) {
    auto& i = *impl_;
    std::optional<boost::system::error_code> result;
    i.ws.async_read(i.buffer, [&](const boost::system::error_code& ec, std::size_t) { result = ec; });
    i.ioc.restart();
    i.ioc.run_for(wait);
    if (!result) {  // timed out: cancel the read and let it finish
        boost::system::error_code ignored;
        beast::get_lowest_layer(i.ws).cancel(ignored);
        i.ioc.restart();
        i.ioc.run();
        return false;
    }
    if (*result) {
        closed_ = true;
        closeReason_ = std::string(i.ws.reason().reason.c_str());
        return false;
    }
    output_ += beast::buffers_to_string(i.buffer.data());
    i.buffer.consume(i.buffer.size());
    return true;
}

bool WsTerminalClient::readUntil(const std::string& needle, std::chrono::milliseconds wait) {
    auto deadline = std::chrono::steady_clock::now() + wait;
    while (output_.find(needle) == std::string::npos) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (closed_ || left.count() <= 0 || !readOnce(left)) return output_.find(needle) != std::string::npos;
    }
    return true;
}

bool WsTerminalClient::readUntilClosed(std::chrono::milliseconds wait) {
    auto deadline = std::chrono::steady_clock::now() + wait;
    while (!closed_) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) return false;
        readOnce(left);
    }
    return true;
}

void WsTerminalClient::close() {
    boost::system::error_code ignored;
    impl_->ws.close(websocket::close_code::normal, ignored);
}

void WsTerminalClient::dropConnection() {
    boost::system::error_code ignored;
    impl_->ws.next_layer().close(ignored);
}

}  // namespace rivetr::terminal::testing
