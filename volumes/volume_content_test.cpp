// A volume's content against the real engine: round trip, hostile archives, symlinks never followed.
#include "volumes/volume_content.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "runtime/runtime_test_fixture.hpp"
#include "volumes/content_error.hpp"
#include "volumes/helper_container.hpp"
#include "volumes/helper_image.hpp"
#include "volumes/test_archive.hpp"
#include "volumes/test_volume_shell.hpp"

namespace rivetr::volumes {
namespace {

using testing::TestEntry;

class VolumeContentTest : public runtime::testing::RuntimeTest {
protected:
    test::TempDir dir;

    std::string volume(const std::string& key, const runtime::Labels& labels = {}) {
        std::string name = "rivetr-test-vc-" + app + "-" + key;
        extraVolumes.push_back(name);
        rt->createVolume(name, labels);
        return name;
    }
    std::string name(const std::string& key) {
        std::string n = "rivetr-test-vc-" + app + "-" + key;
        extraVolumes.push_back(n);
        return n;
    }
    VolumeContent content() {
        // The fixture owns the runtime; the content service only borrows it here.
        std::shared_ptr<runtime::ContainerRuntime> borrowed(rt.get(), [](runtime::ContainerRuntime*) {});
        return VolumeContent(borrowed, {kDefaultBusybox, dir.path()});
    }

    std::string sh(const std::string& vol, const std::string& script) {
        return testing::runInVolume(*rt, vol, script, runtime::rivetrLabels(app));
    }
    std::string listing(const std::string& vol) { return testing::volumeListing(*rt, vol); }
    void fill(const std::string& vol) {
        sh(vol, "cd /v && echo hello > a.txt && chmod 640 a.txt && chown 123:45 a.txt && mkdir -p sub/deep && "
                "chmod 700 sub && chown 999:999 sub && /bin/busybox dd if=/dev/urandom of=sub/deep/bin bs=1k count=300 "
                "2>/dev/null && chmod 4755 sub/deep/bin && ln -s ../a.txt sub/up && ln -s a.txt same");
    }
    std::filesystem::path backupTo(const std::string& vol) {
        auto path = dir.path() / (vol + ".tar.gz");
        std::ofstream out(path, std::ios::binary);
        content().backup(vol, [&](std::string_view d) { out.write(d.data(), static_cast<std::streamsize>(d.size())); });
        return path;
    }
};

TEST_F(VolumeContentTest, BackupThenRestoreIntoANewVolumeIsIdentical) {
    auto src = volume("src", {{"team", "db"}, {"com.docker.compose.project", "shop"}});
    fill(src);
    auto archive = backupTo(src);
    auto dst = name("dst");
    auto result = content().restore(dst, archive, {.force = false, .create = true});
    EXPECT_TRUE(result.created);
    auto before = listing(src);
    EXPECT_NE(before.find("./sub 41c0 "), std::string::npos) << before;
    EXPECT_EQ(listing(dst), before);
    EXPECT_EQ(rt->inspectVolume(dst).labels.at("team"), "db");
    EXPECT_EQ(rt->inspectVolume(dst).labels.at("com.docker.compose.project"), "shop");
}

TEST_F(VolumeContentTest, EachHostileArchiveIsRefusedAndTheVolumeUntouched) {
    auto target = volume("target");
    fill(target);
    auto before = listing(target);
    std::vector<std::vector<TestEntry>> hostile = {
        {{"../evil", '0', "x"}}, {{"/evil", '0', "x"}}, {{"esc", '2', "/"}}, {{"x", '2', "../../etc"}},
        {{"h", '1', "../../etc/passwd"}}, {{"tty", '3'}}};
    int i = 0;
    for (const auto& entries : hostile) {
        auto path = dir.path() / ("h" + std::to_string(++i) + ".tar.gz");
        testing::writeTarGz(path, entries);
        try {
            content().restore(target, path, {.force = true, .create = false});
            ADD_FAILURE() << "archive " << i << " was accepted";
        } catch (const ContentError& e) {
            EXPECT_EQ(e.kind(), ContentErrorKind::Invalid) << e.what();
        }
    }
    auto truncated = dir.path() / "t.tar.gz";
    testing::writeTarGz(truncated, {{"f", '0', std::string(100000, 'q') + "end"}}, 60);
    EXPECT_THROW(content().restore(target, truncated, {.force = true, .create = false}), ContentError);
    EXPECT_EQ(listing(target), before);
}

TEST_F(VolumeContentTest, ANonEmptyVolumeNeedsForceWhichReplacesItsContent) {
    auto src = volume("src2");
    sh(src, "echo new > /v/new.txt");
    auto archive = backupTo(src);
    auto target = volume("target2", {{"keep", "me"}});
    fill(target);
    try {
        content().restore(target, archive, {});
        ADD_FAILURE() << "a non-empty volume was restored into without force";
    } catch (const ContentError& e) {
        EXPECT_EQ(e.kind(), ContentErrorKind::Conflict);
    }
    auto r = content().restore(target, archive, {.force = true, .create = false});
    EXPECT_TRUE(r.replaced);
    EXPECT_EQ(listing(target), listing(src));
    EXPECT_EQ(rt->inspectVolume(target).labels.at("keep"), "me");
    for (const auto& v : rt->listVolumes({{"rivetr.volume-aside-of", target}})) ADD_FAILURE() << "aside left: " << v.name;
}

TEST_F(VolumeContentTest, BrowseShowsSymlinksAndNeverFollowsThemOut) {
    auto vol = volume("links");
    sh(vol, "mkdir /v/d && echo secret > /v/d/f.txt && ln -s / /v/escape && ln -s ../../etc /v/d/x");
    auto root = content().browse(vol, "");
    ASSERT_EQ(root.entries.size(), 2u);
    EXPECT_EQ(root.entries[0].name, "d");
    EXPECT_EQ(root.entries[1].name, "escape");
    EXPECT_EQ(root.entries[1].type, "symlink");
    EXPECT_EQ(root.entries[1].target, "/");
    for (std::string p : {"escape", "escape/bin", "d/x", "d/x/passwd"}) {
        EXPECT_THROW(content().browse(vol, p), ContentError) << p;
        EXPECT_THROW(content().streamFile(vol, p, [](std::string_view) { FAIL(); }), ContentError) << p;
    }
    bool truncated = true;
    EXPECT_EQ(content().readFile(vol, "d/f.txt", 1024, truncated), "secret\n");
    EXPECT_FALSE(truncated);
    EXPECT_EQ(content().readFile(vol, "d/f.txt", 3, truncated), "sec");
    EXPECT_TRUE(truncated);
}

TEST_F(VolumeContentTest, HostileNamesAndPathsRunNothing) {
    for (std::string bad : {"x;touch /tmp/pwn", "../x", "a b"}) {
        try {
            content().browse(bad, "");
            ADD_FAILURE() << bad;
        } catch (const ContentError& e) {
            EXPECT_EQ(e.kind(), ContentErrorKind::Invalid);
        }
    }
    auto vol = volume("paths");
    for (std::string bad : {"/etc", "../..", "a/../../b"}) EXPECT_THROW(content().browse(vol, bad), ContentError) << bad;
    EXPECT_EQ(testing::helpersMounting(*rt, vol), 0u) << "every helper is removed once it answered";
}

}  // namespace
}  // namespace rivetr::volumes
