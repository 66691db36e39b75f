// The volume-content routes over real HTTP on the real dockerd: the role matrix, browse and preview, a
// download, a backup streamed and restored (streamed upload) into a new volume, hostile input refused, the audit.
#include <gtest/gtest.h>

#include "api/testing/role_client.hpp"
#include "core/percent_encoding.hpp"
#include "hosts/local_host_directory.hpp"
#include "runtime/runtime_test_fixture.hpp"
#include "volumes/helper_container.hpp"
#include "volumes/helper_image.hpp"
#include "volumes/test_archive.hpp"
#include "volumes/test_volume_shell.hpp"

namespace rivetr::api {
namespace {

using nlohmann::json;
using store::Role;
constexpr const char* kAdminToken = "volumes-admin-token-0123456789abcdef";

class VolumeContentRoutesTest : public runtime::testing::RuntimeTest {
protected:
    testing::ApiHarness api{kAdminToken};
    testing::RoleClient client{api};
    ApiContext& ctx = api.ctx;
    const test::TempDir& dir = api.dir;

    void SetUp() override {
        RuntimeTest::SetUp();
        std::shared_ptr<runtime::ContainerRuntime> shared(rt.get(), [](runtime::ContainerRuntime*) {});
        ctx.hosts = std::make_shared<hosts::LocalHostDirectory>([shared] { return shared; });
        ctx.volumeContent = {volumes::kDefaultBusybox, dir.path() / "backups", dir.path() / "tmp"};
        client.timeout = std::chrono::seconds(120);
        api.serve();
    }
    void TearDown() override {
        api.shutdown();
        RuntimeTest::TearDown();
    }

    // Bodies here are archives.
    test::HttpResponse call(Role role, const std::string& method, const std::string& path, const std::string& body = "") {
        return client.call(role, method, path, body, "application/gzip");
    }
    json conforming(const test::HttpResponse& r, const std::string& schema) { return client.conforming(r, schema); }
    std::string volume(const std::string& key, bool create = true) {
        std::string name = "rivetr-test-vcr-" + app + "-" + key;
        extraVolumes.push_back(name);
        if (create) rt->createVolume(name, {{"team", "db"}});
        return name;
    }
    std::string sh(const std::string& vol, const std::string& script) {
        return volumes::testing::runInVolume(*rt, vol, script, runtime::rivetrLabels(app));
    }
    std::string listing(const std::string& vol) { return volumes::testing::volumeListing(*rt, vol); }
    std::size_t audited(const std::string& action, const std::string& actor) {
        auto rows = client.audited(action);
        return std::count_if(rows.begin(), rows.end(), [&](const auto& e) { return e.actor == actor; });
    }
};

TEST_F(VolumeContentRoutesTest, ViewersReadNothingDevelopersReadAndRestoreOnlyAdminsForce) {
    auto vol = volume("roles");
    sh(vol, "echo hi > /v/a.txt");
    auto before = listing(vol);
    std::string base = "/api/volumes/" + vol;
    for (const auto& path : {base + "/browse", base + "/download?path=a.txt", base + "/backup"}) {
        EXPECT_EQ(call(Role::viewer, "GET", path).status, 403) << path;
        EXPECT_EQ(call(Role::developer, "GET", path).status, 200) << path;
    }
    EXPECT_EQ(call(Role::viewer, "POST", base + "/restore", "x").status, 403);
    auto forced = call(Role::developer, "POST", base + "/restore?force=1", "x");
    EXPECT_EQ(forced.status, 403) << forced.body;
    EXPECT_EQ(json::parse(forced.body)["error"]["field"], "force");
    auto notEmpty = call(Role::developer, "POST", base + "/restore", "x");
    EXPECT_EQ(notEmpty.status, 409) << notEmpty.body;
    EXPECT_EQ(call(Role::admin, "POST", base + "/restore?force=1", "not a tar.gz").status, 400);
    EXPECT_EQ(listing(vol), before);
}

TEST_F(VolumeContentRoutesTest, BrowsePreviewDownloadBackupAndRestoreIntoANewVolume) {
    auto src = volume("src");
    sh(src, "mkdir -p /v/etc/deep && echo 'key = 1' > /v/etc/app.toml && chown 70:70 /v/etc/app.toml && "
            "chmod 600 /v/etc/app.toml && /bin/busybox yes abcdefg | /bin/busybox head -c 1536000 > /v/big.log && "
            "printf 'a\\0b' > /v/bin.txt && ln -s etc/app.toml /v/link && ln -s / /v/escape");
    auto root = call(Role::developer, "GET", "/api/volumes/" + src + "/browse");
    ASSERT_EQ(root.status, 200) << root.body;
    auto listed = conforming(root, "VolumeBrowse");
    EXPECT_EQ(listed["kind"], "directory");
    EXPECT_EQ(listed["entries"][0]["name"], "etc");
    bool sawEscape = false;
    for (const auto& e : listed["entries"]) sawEscape |= e["name"] == "escape" && e["type"] == "symlink" && e["target"] == "/";
    EXPECT_TRUE(sawEscape) << root.body;

    auto file = call(Role::developer, "GET", "/api/volumes/" + src + "/browse?path=etc/app.toml");
    ASSERT_EQ(file.status, 200) << file.body;
    auto preview = conforming(file, "VolumeBrowse");
    EXPECT_EQ(preview["file"]["mode"], "0600");
    EXPECT_EQ(preview["file"]["uid"], 70);
    EXPECT_EQ(preview["preview"]["text"], "key = 1\n");
    auto big = json::parse(call(Role::developer, "GET", "/api/volumes/" + src + "/browse?path=big.log").body);
    EXPECT_EQ(big["preview"]["truncated"], true);
    EXPECT_EQ(big["preview"]["text"].get<std::string>().size(), 1024u * 1024u);
    EXPECT_EQ(json::parse(call(Role::developer, "GET", "/api/volumes/" + src + "/browse?path=bin.txt").body)["preview"]["kind"],
              "binary");

    auto dl = call(Role::developer, "GET", "/api/volumes/" + src + "/download?path=big.log");
    ASSERT_EQ(dl.status, 200);
    std::string lines;
    for (int i = 0; i < 1536000 / 8; ++i) lines += "abcdefg\n";
    EXPECT_EQ(dl.body, lines);

    // An absolute symlink is listed, but a restore refuses it (it points outside): the round trip goes without it.
    sh(src, "rm /v/escape");
    auto backup = call(Role::developer, "GET", "/api/volumes/" + src + "/backup");
    ASSERT_EQ(backup.status, 200);
    ASSERT_GT(backup.body.size(), 20u);
    EXPECT_EQ(backup.body.substr(0, 2), "\x1f\x8b");
    auto dst = volume("dst", false);
    auto restored = call(Role::developer, "POST", "/api/volumes/" + dst + "/restore?create=1", backup.body);
    ASSERT_EQ(restored.status, 200) << restored.body;
    EXPECT_EQ(conforming(restored, "VolumeRestoreResult")["created"], true);
    EXPECT_EQ(listing(dst), listing(src));
    EXPECT_EQ(rt->inspectVolume(dst).labels.at("team"), "db");

    auto stored = call(Role::developer, "GET", "/api/volumes/" + src + "/backup?to=server");
    ASSERT_EQ(stored.status, 201) << stored.body;
    EXPECT_TRUE(std::filesystem::exists(conforming(stored, "VolumeBackupStored")["path"].get<std::string>()));
    for (auto action : {"volume.browse", "volume.read", "volume.download", "volume.backup", "volume.restore"}) {
        EXPECT_GE(audited(action, "developer-token"), 1u) << action;
    }
}

TEST_F(VolumeContentRoutesTest, HostileNamesPathsAndArchivesAre400AndChangeNothing) {
    auto vol = volume("hostile");
    sh(vol, "mkdir /v/d && echo s > /v/d/s.txt && ln -s / /v/escape && ln -s ../../etc /v/d/x");
    auto before = listing(vol);
    for (const auto& p : {"/browse?path=..", "/browse?path=%2Fetc", "/browse?path=escape", "/browse?path=d%2Fx",
                          "/browse?path=escape%2Fbin", "/download?path=escape%2Fbin%2Fbusybox", "/download?path=d%2Fx%2Fpasswd"}) {
        auto r = call(Role::developer, "GET", "/api/volumes/" + vol + p);
        EXPECT_EQ(r.status, 400) << p << " " << r.body;
    }
    EXPECT_EQ(call(Role::developer, "GET", "/api/volumes/" + percentEncode("x;touch /tmp/pwn") + "/browse").status, 400);
    EXPECT_FALSE(std::filesystem::exists("/tmp/pwn"));
    std::vector<std::vector<volumes::testing::TestEntry>> hostile = {
        {{"../evil", '0', "x"}}, {{"/evil", '0', "x"}}, {{"esc", '2', "/"}}, {{"h", '1', "../../etc/passwd"}}, {{"tty", '3'}}};
    auto path = dir.path() / "h.tar.gz";
    for (const auto& entries : hostile) {
        volumes::testing::writeTarGz(path, entries);
        auto r = call(Role::admin, "POST", "/api/volumes/" + vol + "/restore?force=1", test::readFile(path));
        EXPECT_EQ(r.status, 400) << r.body;
    }
    EXPECT_EQ(listing(vol), before);
    EXPECT_EQ(volumes::testing::helpersMounting(*rt, vol), 0u) << "a refused restore leaves no helper behind";
}

}  // namespace
}  // namespace rivetr::api
