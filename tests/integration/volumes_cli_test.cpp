// `rivetr volumes` against a real `rivetr serve` on the real dockerd: what a user types and reads, and the exit codes.
#include "core/ids.hpp"
#include "tests/integration/serve_fixture.hpp"

namespace rivetr {
namespace {

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

class VolumesCli : public test::ServeFixture {
protected:
    VolumesCli() : ServeFixture("volcli", true) {}

    std::string owner = newId("volcli");
    std::string name(const std::string& suffix) const { return "rvt-" + owner + "-" + suffix; }

    void TearDown() override {
        if (rt) {
            runtime::LabelFilter mine{{"rivetr_test.owner", owner}};
            for (const auto& c : rt->listContainers(mine)) swallow([&] { rt->removeContainer(c.id, {.force = true}); });
            for (const auto& v : rt->listVolumes(mine)) swallow([&] { rt->removeVolume(v.name, true); });
            for (const auto& i : rt->listImages(mine)) swallow([&] { rt->removeImage(i.id, true); });
        }
        ServeFixture::TearDown();
    }
    // A stopped busybox container of this test that mounts `volume` at /data.
    std::string mounting(const std::string& volume) {
        auto ctx = dir.path() / "img";
        std::filesystem::create_directories(ctx);
        std::filesystem::copy_file("/bin/busybox", ctx / "busybox", std::filesystem::copy_options::overwrite_existing);
        test::writeFile(ctx / "Dockerfile", "FROM scratch\nCOPY busybox /bin/busybox\n");
        runtime::BuildRequest b;
        b.contextDir = ctx;
        b.labels = {{"rivetr_test.owner", owner}};
        runtime::ContainerSpec s;
        s.name = name("user");
        s.image = rt->build(b).imageId;
        s.labels = {{"rivetr_test.owner", owner}};
        s.entrypoint = {"/bin/busybox", "true"};
        s.mounts = {{volume, "/data", false}};
        return rt->createContainer(s);
    }
    bool exists(const std::string& volume) {
        for (const auto& v : rt->listVolumes({}))
            if (v.name == volume) return true;
        return false;
    }
};

TEST_F(VolumesCli, CreateListInspectRemoveAndPrunePreviewAsAUserSeesThem) {
    auto made = cli({"volumes", "create", name("data"), "--label", "rivetr_test.owner=" + owner, "--label", "team=ops", "--opt", "type=tmpfs",
                     "--opt", "device=tmpfs"});
    ASSERT_EQ(made.exitCode, 0) << made.output;
    EXPECT_TRUE(has(made.output, "created " + name("data"))) << made.output;
    auto hostile = cli({"volumes", "create", "x;touch /tmp/pwn"});
    EXPECT_EQ(hostile.exitCode, 1);
    EXPECT_TRUE(has(hostile.output, "volume name")) << hostile.output;
    EXPECT_EQ(cli({"volumes", "create", name("bad"), "--label", "novalue"}).exitCode, 2) << "KEY=VALUE is a usage error";

    std::string user = mounting(name("data"));
    auto list = cli({"volumes", "ls", "--host", "*"});
    ASSERT_EQ(list.exitCode, 0) << list.output;
    EXPECT_TRUE(has(list.output, name("data"))) << list.output;
    EXPECT_TRUE(has(list.output, name("user"))) << "the container using it: " << list.output;
    auto shown = cli({"volumes", "inspect", name("data")});
    ASSERT_EQ(shown.exitCode, 0) << shown.output;
    EXPECT_TRUE(has(shown.output, "used by:    " + name("user") + " at /data")) << shown.output;
    EXPECT_TRUE(has(shown.output, "\"type\": \"tmpfs\"")) << "the engine's inspect document: " << shown.output;

    auto refused = cli({"volumes", "rm", name("data")});
    EXPECT_EQ(refused.exitCode, 1);
    EXPECT_TRUE(has(refused.output, "in use by " + name("user"))) << refused.output;
    EXPECT_TRUE(exists(name("data")));

    rt->removeContainer(user, {.force = true});
    auto preview = cli({"volumes", "prune"});
    ASSERT_EQ(preview.exitCode, 0) << preview.output;
    EXPECT_TRUE(has(preview.output, name("data"))) << preview.output;
    EXPECT_TRUE(has(preview.output, "nothing was removed")) << preview.output;
    EXPECT_TRUE(exists(name("data"))) << "the preview removes nothing";
    auto removed = cli({"volumes", "rm", name("data")});
    EXPECT_EQ(removed.exitCode, 0) << removed.output;
    EXPECT_FALSE(exists(name("data")));
}

}  // namespace
}  // namespace rivetr
