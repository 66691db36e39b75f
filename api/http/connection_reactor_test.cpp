// ConnectionReactor: a task posted from another thread runs on the connection's reactor thread, and
// a response it sends there reaches the client.
#include "api/http/connection_reactor.hpp"

#include <gtest/gtest.h>
#include <pistache/endpoint.h>
#include <pistache/peer.h>

#include <future>
#include <thread>

#include "tests/support/test_support.hpp"

namespace rivetr::api {
namespace {

struct Threads {
    std::promise<std::thread::id> reactor;  // where the request was handled (the reactor thread)
    std::promise<std::thread::id> task;     // where the posted task ran
    std::thread worker;
};

// Hands every request to a thread of its own, which posts the answer back to the reactor.
class HandOffHandler : public Pistache::Http::Handler {
public:
    HTTP_PROTOTYPE(HandOffHandler)
    explicit HandOffHandler(std::shared_ptr<Threads> threads = nullptr) : threads_(std::move(threads)) {}

    void onConnection(const std::shared_ptr<Pistache::Tcp::Peer>& peer) override {
        peer->putData(ParserData, std::make_shared<Pistache::Http::RequestParser>(getMaxRequestSize()));
        ConnectionReactor::remember(*peer, transport());
    }
    void onRequest(const Pistache::Http::Request&, Pistache::Http::ResponseWriter response) override {
        threads_->reactor.set_value(std::this_thread::get_id());
        auto reactor = ConnectionReactor::of(response);
        auto writer = std::make_shared<Pistache::Http::ResponseWriter>(std::move(response));
        threads_->worker = std::thread([reactor, writer, threads = threads_]() mutable {
            reactor.post([writer = std::move(writer), threads] {  // the writer goes, to end on the reactor
                threads->task.set_value(std::this_thread::get_id());
                writer->send(Pistache::Http::Code::Ok, "answered on the reactor");
            });
        });
    }

private:
    std::shared_ptr<Threads> threads_;
};

TEST(ConnectionReactor, TaskPostedFromAnotherThreadRunsOnTheConnectionsReactor) {
    auto threads = std::make_shared<Threads>();
    Pistache::Http::Endpoint endpoint(Pistache::Address("127.0.0.1", Pistache::Port(0)));
    endpoint.init(Pistache::Http::Endpoint::options().threads(1));
    endpoint.setHandler(std::make_shared<HandOffHandler>(threads));
    endpoint.serveThreaded();
    auto port = static_cast<std::uint16_t>(endpoint.getPort());
    auto r = test::httpGet("http://127.0.0.1:" + std::to_string(port) + "/");
    EXPECT_EQ(r.status, 200) << r.error;
    EXPECT_EQ(r.body, "answered on the reactor");
    auto reactor = threads->reactor.get_future().get();
    auto task = threads->task.get_future().get();
    EXPECT_EQ(task, reactor) << "the task ran off the reactor thread";
    threads->worker.join();
    endpoint.shutdown();
}

}  // namespace
}  // namespace rivetr::api
