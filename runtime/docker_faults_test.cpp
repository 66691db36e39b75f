// Faults become typed errors, never crashes or leaked containers: daemon down, missing image, port in use, bad input.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <mutex>
#include <thread>

#include "runtime/docker_runtime.hpp"
#include "runtime/runtime_test_fixture.hpp"

namespace rivetr::runtime {
namespace {

using namespace std::chrono_literals;
using testing::RuntimeTest;

class DockerFaultsTest : public RuntimeTest {};

// What a fake daemon answers to GET /version: enough for connectRuntime to take it for Docker.
constexpr const char* kVersionBody = R"({"Version":"20.10.24","ApiVersion":"1.41","Components":[{"Name":"Engine"}]})";

ErrorKind kindOf(const std::function<void()>& f) {
    try {
        f();
    } catch (const RuntimeError& e) {
        return e.kind();
    }
    ADD_FAILURE() << "no RuntimeError thrown";
    return ErrorKind::EngineError;
}

TEST(DockerConnect, NoDaemonIsATypedErrorNotACrash) {
    RuntimeOptions o;
    o.runtimeType = "docker";
    o.dockerSocket = "/tmp/rivetr-no-such-docker.sock";
    EXPECT_EQ(kindOf([&] { connectRuntime(o); }), ErrorKind::DaemonUnavailable);
    o.runtimeType = "auto";
    o.podmanSocket = "/tmp/rivetr-no-such-podman.sock";
    EXPECT_EQ(kindOf([&] { connectRuntime(o); }), ErrorKind::DaemonUnavailable);
    o.runtimeType = "kubernetes";
    EXPECT_EQ(kindOf([&] { connectRuntime(o); }), ErrorKind::InvalidArgument);
}

TEST(DockerConnect, AutoDetectionFindsTheDockerSocket) {
    RIVETR_REQUIRE_DOCKER();
    RuntimeOptions o;
    o.dockerSocket = test::dockerSocket();
    o.podmanSocket = "/tmp/rivetr-no-such-podman.sock";
    EXPECT_EQ(connectRuntime(o)->kind(), EngineKind::Docker);
}

// A daemon that answers /version once and then disappears: the one fault the real dockerd cannot be
// made to produce here (it is shared). Everything after must fail typed, and ping must say so quickly.
TEST(DockerConnect, ADaemonThatGoesAwayMakesPingFalseAndCallsTyped) {
    test::TempDir dir;
    std::string path = (dir / "fake.sock").string();
    int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    std::snprintf(addr.sun_path, sizeof addr.sun_path, "%s", path.c_str());
    ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
    ASSERT_EQ(::listen(fd, 4), 0);
    std::thread once([fd] {
        int c = ::accept(fd, nullptr, nullptr);
        char buf[4096];
        (void)::recv(c, buf, sizeof buf, 0);
        std::string body = kVersionBody;
        std::string reply = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " +
                            std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
        (void)::send(c, reply.data(), reply.size(), MSG_NOSIGNAL);
        ::close(c);
    });
    RuntimeOptions o;
    o.runtimeType = "docker";
    o.dockerSocket = path;
    auto rt = connectRuntime(o);
    once.join();
    ::close(fd);
    std::filesystem::remove(path);
    auto t0 = std::chrono::steady_clock::now();
    auto p = rt->ping(500ms);
    EXPECT_FALSE(p.ok);
    EXPECT_FALSE(p.error.empty());
    EXPECT_LT(std::chrono::steady_clock::now() - t0, 1s);
    EXPECT_EQ(kindOf([&] { rt->listContainers({}); }), ErrorKind::DaemonUnavailable);
    EXPECT_EQ(kindOf([&] {
                  ContainerSpec s;
                  s.image = "x";
                  rt->runContainer(s);
              }),
              ErrorKind::DaemonUnavailable);
}

TEST_F(DockerFaultsTest, AMissingImageIsTypedAndLeavesNoContainer) {
    auto spec = specFor("rivetr-no-such-image:" + app, "dep_1");
    EXPECT_EQ(kindOf([&] { rt->runContainer(spec); }), ErrorKind::ImageNotFound);
    EXPECT_TRUE(rt->listContainers(rivetrFilter(app)).empty());
    EXPECT_EQ(kindOf([&] { rt->inspectImage("rivetr-no-such-image:" + app); }), ErrorKind::ImageNotFound);
}

TEST_F(DockerFaultsTest, APortInUseIsTypedAndTheContainerIsRemoved) {
    auto image = buildTestserver("dep_1");
    int port = test::freePort();
    int holder = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = htons(static_cast<uint16_t>(port));
    ASSERT_EQ(::bind(holder, reinterpret_cast<sockaddr*>(&a), sizeof a), 0);
    ASSERT_EQ(::listen(holder, 1), 0);
    auto spec = specFor(image, "dep_1");
    spec.ports = {{8000, port, "tcp"}};
    try {
        rt->runContainer(spec);
        ADD_FAILURE() << "port " << port << " is taken";
    } catch (const RuntimeError& e) {
        EXPECT_EQ(e.kind(), ErrorKind::PortInUse) << e.what();
        EXPECT_NE(e.daemonMessage().find(std::to_string(port)), std::string::npos) << e.daemonMessage();
    }
    ::close(holder);
    EXPECT_TRUE(rt->listContainers(rivetrFilter(app)).empty()) << "a container that failed to start was left behind";
}

TEST_F(DockerFaultsTest, NameConflictsAndNotFoundAreTyped) {
    auto image = buildTestserver("dep_1");
    auto spec = specFor(image, "dep_1");
    rt->createContainer(spec);
    EXPECT_EQ(kindOf([&] { rt->createContainer(spec); }), ErrorKind::NameConflict);
    EXPECT_EQ(rt->listContainers(rivetrFilter(app)).size(), 1u);
    EXPECT_EQ(kindOf([&] { rt->inspectContainer(containerName(app, "dep_none")); }), ErrorKind::NotFound);
    EXPECT_EQ(kindOf([&] { rt->stopContainer(containerName(app, "dep_none"), 1s); }), ErrorKind::NotFound);
    auto n = rt->createNetwork({.name = networkName(app), .labels = rivetrLabels(app)});
    EXPECT_EQ(kindOf([&] { rt->createNetwork({.name = networkName(app), .labels = rivetrLabels(app)}); }), ErrorKind::NameConflict);
    EXPECT_EQ(kindOf([&] { rt->exec(containerName(app, "dep_1"), {"/bin/busybox", "true"}); }), ErrorKind::Conflict)
        << "exec into a container that is not running";
}

TEST_F(DockerFaultsTest, BadInputIsRefusedBeforeTheEngineAndChangesNothing) {
    ContainerSpec s = specFor("rivetr/" + app + ":dep_1", "dep_1");
    s.name = "bad name; rm -rf /";
    EXPECT_EQ(kindOf([&] { rt->createContainer(s); }), ErrorKind::InvalidArgument);
    s = specFor("rivetr/" + app + ":dep_1", "dep_1");
    s.env = {{"A=B", "x"}};
    EXPECT_EQ(kindOf([&] { rt->createContainer(s); }), ErrorKind::InvalidArgument);
    s.env = {};
    s.ports = {{70000, 0, "tcp"}};
    EXPECT_EQ(kindOf([&] { rt->createContainer(s); }), ErrorKind::InvalidArgument);
    EXPECT_EQ(kindOf([&] { rt->inspectContainer("../../images/json"); }), ErrorKind::InvalidArgument);
    EXPECT_EQ(kindOf([&] { rt->inspectImage("../x"); }), ErrorKind::InvalidArgument);
    EXPECT_EQ(kindOf([&] { rt->killContainer("x", "KILL;"); }), ErrorKind::InvalidArgument);
    EXPECT_EQ(kindOf([&] { rt->exec("x", {}); }), ErrorKind::InvalidArgument);
    BuildRequest b;
    b.contextDir = ctx.path() / "nowhere";
    EXPECT_EQ(kindOf([&] { rt->build(b); }), ErrorKind::InvalidArgument);
    b.contextDir = ctx.path();
    b.dockerfile = "../Dockerfile";
    EXPECT_EQ(kindOf([&] { rt->build(b); }), ErrorKind::InvalidArgument);
    EXPECT_TRUE(rt->listContainers(rivetrFilter(app)).empty());
}

TEST_F(DockerFaultsTest, PingIsCheapAndSafeFromManyThreads) {
    std::vector<std::thread> threads;
    std::atomic<int> ok{0};
    for (int i = 0; i < 8; ++i)
        threads.emplace_back([&] {
            for (int k = 0; k < 20; ++k) ok += rt->ping().ok ? 1 : 0;
        });
    for (auto& t : threads) t.join();
    EXPECT_EQ(ok.load(), 160);
}

}  // namespace
}  // namespace rivetr::runtime

namespace rivetr::runtime {
namespace {

// A scripted daemon on a unix socket: /version is answered as Docker's, the n-th /build with
// buildReply(n) (one request per connection, "Connection: close"), after the whole body was read.
struct ScriptedDaemon {
    test::TempDir dir;
    std::string path = (dir / "scripted.sock").string();
    int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
    std::mutex mu;
    std::vector<std::string> lines;  // under mu
    std::thread thread;

    explicit ScriptedDaemon(std::function<std::string(int buildsSoFar)> buildReply) {
        sockaddr_un addr{};
        addr.sun_family = AF_UNIX;
        std::snprintf(addr.sun_path, sizeof addr.sun_path, "%s", path.c_str());
        EXPECT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
        EXPECT_EQ(::listen(fd, 8), 0);
        thread = std::thread([this, buildReply] {
            int builds = 0;
            for (int c; (c = ::accept(fd, nullptr, nullptr)) >= 0;) {
                auto line = readRequest(c);
                {
                    std::lock_guard lock(mu);
                    lines.push_back(line);
                }
                auto body = line.find("/build") != std::string::npos ? buildReply(builds++) : std::string(kVersionBody);
                std::string head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " +
                                   std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n";
                (void)::send(c, (head + body).data(), head.size() + body.size(), MSG_NOSIGNAL);
                ::close(c);
            }
        });
    }
    // The request lines of the /build calls so far.
    std::vector<std::string> builds() {
        std::lock_guard lock(mu);
        std::vector<std::string> out;
        for (const auto& l : lines) {
            if (l.find("/build") != std::string::npos) out.push_back(l);
        }
        return out;
    }
    std::unique_ptr<ContainerRuntime> connect() const {
        RuntimeOptions o;
        o.runtimeType = "docker";
        o.dockerSocket = path;
        return connectRuntime(o);
    }
    ~ScriptedDaemon() {
        ::shutdown(fd, SHUT_RDWR);
        ::close(fd);
        thread.join();
    }
    // The request line, after reading headers and a chunked or sized body to its end.
    static std::string readRequest(int c) {
        std::string in;
        char buf[65536];
        auto done = [&] {
            auto end = in.find("\r\n\r\n");
            if (end == std::string::npos) return false;
            if (in.find("chunked") < end) return in.find("\r\n0\r\n\r\n", end) != std::string::npos;
            auto cl = in.find("Content-Length: ");
            return cl > end || in.size() >= end + 4 + std::stoul(in.substr(cl + 16));
        };
        while (!done()) {
            auto n = ::recv(c, buf, sizeof buf, 0);
            if (n <= 0) break;
            in.append(buf, static_cast<std::size_t>(n));
        }
        return in.substr(0, in.find("\r\n"));
    }
};

// A build context holding just `dockerfile`.
struct Context {
    test::TempDir dir;
    explicit Context(const std::string& dockerfile) { test::writeFile(dir / "Dockerfile", dockerfile); }
    BuildRequest request() const {
        BuildRequest r;
        r.contextDir = dir.path();
        return r;
    }
};

// The classic builder's race (a cached layer pruned by another image's removal mid-build) is
// retried once without the cache; any other build error is reported as it is.
void expectBuiltAgainWithoutTheCache(const std::string& lost) {
    const std::string built = R"({"aux":{"ID":"sha256:0123abcd"}})" "\n" R"({"stream":"Successfully built 0123abcd\n"})";
    ScriptedDaemon daemon([&](int builds) { return builds == 0 ? lost : built; });
    auto rt = daemon.connect();
    Context ctx("FROM scratch\n");
    auto req = ctx.request();
    std::vector<std::string> progress;
    req.onProgress = [&](std::string_view l) { progress.emplace_back(l); };
    EXPECT_EQ(rt->build(req).imageId, "sha256:0123abcd");
    auto builds = daemon.builds();
    ASSERT_EQ(builds.size(), 2u);
    EXPECT_EQ(builds[0].find("nocache=1"), std::string::npos);
    EXPECT_NE(builds[1].find("nocache=1"), std::string::npos) << "the retry used the cache again";
    ASSERT_FALSE(progress.empty());
    EXPECT_NE(progress.front().find("building again without the cache"), std::string::npos);
}

TEST(DockerBuildRetry, ALayerLostToAConcurrentRemovalIsBuiltAgainWithoutTheCache) {
    // Every way the daemon reports it: at export, and at the next step that uses the lost layer.
    for (const std::string lost :
         {R"({"error":"failed to export image: failed to set parent sha256:9e93: unknown parent image ID sha256:9e93"})",
          R"({"error":"No such image: sha256:33e9a9ae5162ea99a4871d30ea27e0ea2a0851dbea89ddb69a1fa44d7c778a86"})",
          R"({"error":"failed to get digest sha256:c285255f: open /var/lib/docker/image/overlay2/imagedb/content/sha256/c285255f: no such file or directory"})"}) {
        SCOPED_TRACE(lost);
        expectBuiltAgainWithoutTheCache(lost);
    }
}

TEST(DockerBuildRetry, OtherBuildErrorsAreNotRetried) {
    ScriptedDaemon daemon([](int) { return std::string(R"({"error":"COPY failed: no such file"})"); });
    auto rt = daemon.connect();
    Context ctx("FROM scratch\nCOPY missing /\n");
    EXPECT_EQ(kindOf([&] { rt->build(ctx.request()); }), ErrorKind::BuildFailed);
    EXPECT_EQ(daemon.builds().size(), 1u);
}

}  // namespace
}  // namespace rivetr::runtime
