// `rivetr images` against a real `rivetr serve` on the real dockerd (and a real registry for the pull): what a
// user types and reads, and the exit codes.
#include "core/ids.hpp"
#include "runtime/testing/image_exists.hpp"
#include "tests/fixtures/local_registry.hpp"
#include "tests/integration/serve_fixture.hpp"

namespace rivetr {
namespace {

using nlohmann::json;

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

class ImagesCli : public test::ServeFixture {
protected:
    ImagesCli() : ServeFixture("imgcli", true) {}

    std::string owner = newId("imgcli");
    std::string repo() const { return "rivetr-test-images/" + owner; }

    void TearDown() override {
        if (rt) {
            runtime::LabelFilter mine{{"rivetr.test.owner", owner}};
            for (const auto& c : rt->listContainers(mine)) rt->removeContainer(c.id, {.force = true, .volumes = false});
            for (const auto& i : rt->listImages(mine)) {
                try {
                    rt->removeImage(i.id, true);
                } catch (const runtime::RuntimeError&) {
                }
            }
        }
        ServeFixture::TearDown();
    }
    // FROM scratch: a file unique to this image, then busybox.
    std::string build(const std::string& tag) {
        auto ctx = dir.path() / ("img-" + std::to_string(++built_));
        std::filesystem::create_directories(ctx);
        test::writeFile(ctx / "unique", owner + std::to_string(built_));
        std::filesystem::copy_file("/bin/busybox", ctx / "busybox");
        test::writeFile(ctx / "Dockerfile", "FROM scratch\nCOPY unique /unique\nCOPY busybox /bin/busybox\n");
        runtime::BuildRequest b;
        b.contextDir = ctx;
        if (!tag.empty()) b.tags = {tag};
        b.labels = {{"rivetr.test.owner", owner}};
        return rt->build(b).imageId;
    }
    std::string containerFrom(const std::string& image) {
        runtime::ContainerSpec s;
        s.name = "rivetr-test-imgcli-" + owner;
        s.image = image;
        s.labels = {{"rivetr.test.owner", owner}};
        s.entrypoint = {"/bin/busybox", "sleep", "60"};
        return rt->createContainer(s);
    }
    bool exists(const std::string& ref) { return runtime::testing::imageExists(*rt, ref); }
    int built_ = 0;
};

TEST_F(ImagesCli, ListRemoveHistoryAndPruneAsAUserSeesThem) {
    std::string image = build(repo() + ":v1");
    std::string c = containerFrom(image);
    std::string loose = build("");

    auto list = cli({"images", "list"});
    EXPECT_EQ(list.exitCode, 0) << list.output;
    EXPECT_TRUE(has(list.output, repo() + ":v1")) << list.output;
    EXPECT_TRUE(has(list.output, "rivetr-test-imgcli-" + owner)) << "the container using it: " << list.output;
    EXPECT_TRUE(has(list.output, image.substr(7, 12)));
    auto everywhere = cli({"images", "ls", "--host", "*"});
    EXPECT_EQ(everywhere.exitCode, 0) << everywhere.output;
    EXPECT_TRUE(has(everywhere.output, "HOST")) << everywhere.output;
    EXPECT_TRUE(has(everywhere.output, repo() + ":v1")) << everywhere.output;
    EXPECT_TRUE(has(everywhere.output, " local")) << "each row names its host: " << everywhere.output;

    auto refused = cli({"images", "rm", repo() + ":v1"});
    EXPECT_EQ(refused.exitCode, 1);
    EXPECT_TRUE(has(refused.output, c.substr(0, 12))) << "the engine's reason: " << refused.output;
    EXPECT_TRUE(exists(image));

    auto history = cli({"images", "history", repo() + ":v1"});
    EXPECT_EQ(history.exitCode, 0) << history.output;
    EXPECT_TRUE(has(history.output, "COPY")) << history.output;

    std::string label = "rivetr.test.owner=" + owner;
    auto preview = cli({"images", "prune", "--label", label});
    EXPECT_EQ(preview.exitCode, 0) << preview.output;
    EXPECT_TRUE(has(preview.output, loose.substr(7, 12))) << preview.output;
    EXPECT_TRUE(has(preview.output, "nothing was removed")) << preview.output;
    EXPECT_TRUE(exists(loose));
    auto pruned = cli({"images", "prune", "--label", label, "--yes"});
    EXPECT_EQ(pruned.exitCode, 0) << pruned.output;
    EXPECT_TRUE(has(pruned.output, "removed 1 images")) << pruned.output;
    EXPECT_FALSE(exists(loose));
    EXPECT_TRUE(exists(image)) << "tagged: not dangling";

    auto forced = cli({"images", "rm", "--force", repo() + ":v1"});
    EXPECT_EQ(forced.exitCode, 0) << forced.output;
    EXPECT_TRUE(has(forced.output, "deleted: " + image)) << forced.output;
    EXPECT_EQ(cli({"images", "list", "--host", "nowhere"}).exitCode, 1);
    EXPECT_EQ(cli({"images", "frobnicate"}).exitCode, 2);

    auto df = cli({"images", "df"});
    EXPECT_EQ(df.exitCode, 0) << df.output;
    for (const char* row : {"Images", "Containers", "Local volumes", "Build cache", "RECLAIMABLE"}) EXPECT_TRUE(has(df.output, row)) << df.output;
    auto dfJson = cli({"images", "df", "--json"}, {}, false);
    ASSERT_EQ(dfJson.exitCode, 0) << dfJson.output;
    EXPECT_GT(nlohmann::json::parse(dfJson.output)["images"]["total"].get<int>(), 0) << dfJson.output;
    EXPECT_EQ(cli({"images", "df", "--host", "nowhere"}).exitCode, 1);
}

TEST_F(ImagesCli, PullShowsTheLayersAndTheImage) {
    test::LocalRegistry registry;
    std::string id = build("");
    std::string remote = registry.host() + "/" + repo();
    rt->tagImage(id, remote, "v1");
    test::pushThroughEngine(remote, "v1");
    rt->removeImage(id, true);

    auto r = cli({"images", "pull", remote + ":v1"});
    EXPECT_EQ(r.exitCode, 0) << r.output;
    EXPECT_TRUE(has(r.output, "Pull complete")) << r.output;
    EXPECT_TRUE(has(r.output, "pulled " + remote + ":v1 (" + id + ")")) << r.output;
    EXPECT_TRUE(exists(remote + ":v1"));

    auto missing = cli({"images", "pull", remote + ":nope"});
    EXPECT_EQ(missing.exitCode, 1);
    EXPECT_TRUE(has(missing.output, "error: ")) << missing.output;
}

}  // namespace
}  // namespace rivetr
