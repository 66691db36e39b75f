// Tests only: what the API does for a terminal request minus authentication, on a loopback port of its own.
#pragma once

#include <utility>  // before Asio: Boost 1.74's awaitable.hpp uses std::exchange without it

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <sys/socket.h>

#include <memory>
#include <string>
#include <thread>

#include "terminal/terminal_request.hpp"
#include "terminal/terminal_service.hpp"

namespace rivetr::terminal::testing {

namespace asio = boost::asio;
namespace http = boost::beast::http;
using tcp = asio::ip::tcp;

// Reads the handshake, prepares the exec in `container` on `engine` (any host's), hands the socket to
// the service. One connection after another, on its own thread.
class Handover {
public:
    Handover(TerminalService& service, std::shared_ptr<runtime::ContainerRuntime> engine, std::string container)
        : service_(service), engine_(std::move(engine)), container_(std::move(container)) {
        acceptor_.open(tcp::v4());
        acceptor_.bind({asio::ip::make_address("127.0.0.1"), 0});
        acceptor_.listen();
        thread_ = std::thread([this] { serve(); });
    }
    ~Handover() {
        ::shutdown(acceptor_.native_handle(), SHUT_RDWR);  // wakes the blocked accept(); close() would not
        thread_.join();
    }
    std::uint16_t port() const { return acceptor_.local_endpoint().port(); }

private:
    void serve() {
        for (;;) {
            tcp::socket socket(ioc_);
            boost::system::error_code ec;
            acceptor_.accept(socket, ec);
            if (ec) return;
            boost::beast::flat_buffer buf;
            http::request<http::empty_body> req;
            http::read(socket, buf, req, ec);
            if (ec) continue;
            auto slot = service_.reserve("tester");
            if (!slot) continue;  // the connection closes: the test sees no 101
            SessionStart s;
            s.request = {std::string(req.target()), std::string(req[http::field::host]),
                         std::string(req[http::field::sec_websocket_key]), std::string(req[http::field::sec_websocket_version])};
            s.exec = prepareExec(*engine_, container_, *shellCandidates("auto"), "");
            s.engine = engine_;
            s.record.actor = "tester";
            s.record.containerId = container_;
            s.fd = socket.release();
            service_.start(std::move(*slot), std::move(s));
        }
    }

    TerminalService& service_;
    std::shared_ptr<runtime::ContainerRuntime> engine_;
    std::string container_;
    asio::io_context ioc_;
    tcp::acceptor acceptor_{ioc_};
    std::thread thread_;
};

}  // namespace rivetr::terminal::testing
