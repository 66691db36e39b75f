// A 1 GB volume backed up and restored through `rivetr serve` (by the CLI, `rivetr volumes`): serve's
// resident memory grows by less than 20 MB, and the restored volume holds the same files. Slow (a few
// minutes of gzip): runs when CI=true or RIVETR_SLOW_TESTS=1, skipped otherwise.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>

#include "core/ids.hpp"
#include "runtime/container_runtime.hpp"
#include "tests/integration/serve_process.hpp"
#include "volumes/test_volume_shell.hpp"

namespace rivetr {
namespace {

bool slowTestsWanted() {
    auto on = [](const char* name) { const char* v = std::getenv(name); return v && std::string(v) != "0" && std::string(v) != "false"; };
    return on("CI") || on("RIVETR_SLOW_TESTS");
}

class VolumeContentRss : public ::testing::Test {
protected:
    void SetUp() override {
        if (!slowTestsWanted()) GTEST_SKIP() << "slow: set RIVETR_SLOW_TESTS=1 (CI=true runs it)";
        RIVETR_REQUIRE_DOCKER();
        runtime::RuntimeOptions o;
        o.runtimeType = "docker";
        o.dockerSocket = test::dockerSocket();
        rt = runtime::connectRuntime(o);
    }
    void TearDown() override {
        for (const auto& v : volumes) {
            try {
                if (rt) rt->removeVolume(v, true);
            } catch (const std::exception&) {
            }
        }
    }
    std::string sh(const std::string& volume, const std::string& script) {
        return volumes::testing::runInVolume(*rt, volume, script);
    }
    std::string volume(const std::string& key) {
        volumes.push_back("rivetr-test-vrss-" + newId("v").substr(2) + "-" + key);
        return volumes.back();
    }

    std::unique_ptr<runtime::ContainerRuntime> rt;
    std::vector<std::string> volumes;
    test::TempDir work;
};

TEST_F(VolumeContentRss, AOneGigabyteVolumeBacksUpAndRestoresInBoundedMemory) {
    auto src = volume("src");
    rt->createVolume(src, {{"rivetr.test", "rss"}});
    // 1 GiB: fifteen 64 MiB text files and one random one (what gzip must really work on).
    sh(src, "i=0; while [ $i -lt 15 ]; do /bin/busybox yes \"line $i of the rss test\" | "
            "/bin/busybox head -c 67108864 > /v/text$i; i=$((i + 1)); done; "
            "/bin/busybox head -c 67108864 /dev/urandom > /v/random");
    test::ServeProcess serve(work.path());
    ASSERT_TRUE(serve.start());
    int pid = serve.process->pid();
    auto archive = work.path() / "backup.tar.gz";
    ASSERT_EQ(serve.cli({"volumes", "browse", src}).exitCode, 0);  // builds the helper image, warms up
    long backupGrowth = test::peakRssGrowthKb(pid, [&] {
        auto r = serve.cli({"volumes", "backup", src, "-o", archive.string()});
        EXPECT_EQ(r.exitCode, 0) << r.output;
    });
    auto dst = volume("dst");
    long restoreGrowth = test::peakRssGrowthKb(pid, [&] {
        auto r = serve.cli({"volumes", "restore", dst, archive.string(), "--create"});
        EXPECT_EQ(r.exitCode, 0) << r.output;
    });
    std::printf("volume content rss: 1 GiB volume, serve's peak growth %ld KB during the backup, %ld KB during the restore (limit 20480)\n",
                backupGrowth, restoreGrowth);
    EXPECT_LT(backupGrowth, 20 * 1024) << "serve grew by " << backupGrowth << " KB during the backup";
    EXPECT_LT(restoreGrowth, 20 * 1024) << "serve grew by " << restoreGrowth << " KB during the restore";
    std::string sums = "cd /v && /bin/busybox md5sum * | /bin/busybox sort";
    EXPECT_EQ(sh(dst, sums), sh(src, sums));
    EXPECT_EQ(rt->inspectVolume(dst).labels.at("rivetr.test"), "rss");
}

}  // namespace
}  // namespace rivetr
