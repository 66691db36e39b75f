// A full disk never ships a broken app: a deploy whose checkout does not fit in the work directory
// (a real, small tmpfs) ends failed with the disk named, nothing goes live, /health says the data
// directory is full; once there is room again the same commit deploys whole.
#include <sys/stat.h>

#include "tests/integration/serve_fixture.hpp"
#include "tests/support/small_tmpfs.hpp"

namespace rivetr {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

constexpr std::uint64_t kPage = 4096;
// www/ files of 500 bytes, a page each on tmpfs. Under 1 KiB a std::ofstream buffers the bytes and
// writes them at close(), so the unchecked close lost them all silently (larger ones failed loudly).
constexpr int kPages = 40;

class DiskFull : public test::ServeFixture {
protected:
    DiskFull() : ServeFixture("diskfull") {}

    // Tree order is Dockerfile, testserver, www/…: the image's own files fit, then the disk is full.
    // A stream checked after write() but not after close() lost the small files' bytes silently, and
    // the app went live with empty files in its image.
    void commitSite() {
        test::writeTestserverContext(repo.dir(), {{"TESTSERVER_VERSION", "site"}});
        repo.write("Dockerfile", test::testserverDockerfile({{"TESTSERVER_VERSION", "site"}}) + "COPY www /www\n");
        for (int i = 0; i < kPages; ++i) repo.write("www/page_" + std::to_string(10 + i) + ".txt", std::string(500, 'p'));
        repo.commit("site");
    }

    // Room for the Dockerfile, the test server and 8 of the 40 pages.
    std::uint64_t tmpfsBytes() const {
        auto binary = std::filesystem::file_size(test::testserverBinary());
        return (binary + kPage - 1) / kPage * kPage + kPage + 8 * kPage;
    }

    json health() { return json::parse(test::httpGet(api("/health")).body); }
};

TEST_F(DiskFull, ADeployThatDoesNotFitFailsNamingTheDiskAndNeverGoesLive) {
    commitSite();
    createApp();
    auto work = dir.path() / "data" / "work";
    auto disk = std::make_unique<test::SmallTmpfs>(work, tmpfsBytes());

    auto id = deploy();
    auto d = waitStatus(id, terminal);
    std::string error = d["error"].is_string() ? d["error"].get<std::string>() : "";
    ASSERT_EQ(d["status"], "failed") << "the app went live from a truncated checkout: " << d.dump();
    EXPECT_NE(error.find("no space left on device: "), std::string::npos) << error;
    EXPECT_NE(error.find(" free in " + work.string() + " (writing " + work.string() + "/"), std::string::npos) << error;
    EXPECT_TRUE(d["image"].is_null()) << "nothing may be built from a truncated checkout";
    auto answer = viaProxy();
    EXPECT_TRUE(answer.status == 404 || answer.status == 503) << "the domain served: " << answer.status << " " << answer.body;
    EXPECT_TRUE(json::parse(call("GET", "/api/apps/" + appId).body)["live_deployment_id"].is_null());
    EXPECT_TRUE(rt->listContainers(runtime::rivetrFilter(appId)).empty());
    auto log = call("GET", "/api/deployments/" + id + "/logs").body;
    EXPECT_NE(log.find("no space left on device"), std::string::npos) << "the deployment log says why: " << log;

    auto h = health();  // the probe's answer is kept 2 s: wait for one taken since the mount
    for (auto end = std::chrono::steady_clock::now() + 10s; h["disk"]["status"] != "full" && std::chrono::steady_clock::now() < end;) {
        std::this_thread::sleep_for(200ms);
        h = health();
    }
    EXPECT_EQ(h["status"], "ok") << "a full disk fails deploys, not the API: " << h.dump();
    EXPECT_EQ(h["db"], "ok");
    EXPECT_EQ(h["disk"]["status"], "full") << h.dump();
    EXPECT_LE(h["disk"]["free_bytes"].get<std::uint64_t>(), tmpfsBytes()) << "the work directory's disk: " << h.dump();

    // Room again (the operator grew the disk): the same commit deploys, every file whole.
    disk.reset();
    auto again = waitStatus(deploy(), terminal);
    ASSERT_EQ(again["status"], "running") << again.dump();
    EXPECT_EQ(viaProxy().body, "version=site\n");
    std::this_thread::sleep_for(2100ms);  // past the probe's 2 s memory
    EXPECT_EQ(health()["disk"]["status"], "ok");
}

}  // namespace
}  // namespace rivetr
