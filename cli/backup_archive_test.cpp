// The backup archive: a faithful round trip (contents and modes), and refusal of anything altered, unlisted or unsafe.
#include "cli/backup_archive.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include "core/crypto.hpp"
#include "core/subprocess.hpp"
#include "tests/support/small_tmpfs.hpp"
#include "tests/support/test_support.hpp"

namespace rivetr::cli {
namespace {

namespace fs = std::filesystem;

unsigned modeOf(const fs::path& p) {
    struct stat st {};
    ::stat(p.c_str(), &st);
    return st.st_mode & 07777;
}

class BackupArchive : public ::testing::Test {
protected:
    test::TempDir dir{"rivetr-archive"};
    fs::path staging = dir / "staging";
    fs::path archive = dir / "backup.tar.gz";

    void SetUp() override {
        test::writeFile(staging / "data/secret.key", "0123456789abcdef");
        test::writeFile(staging / "data/certs/a.test/cert.pem", "CERT");
        test::writeFile(staging / "config/rivetr.toml", "[server]\n");
        fs::permissions(staging / "data/secret.key", fs::perms(0600), fs::perm_options::replace);
        fs::permissions(staging / "config/rivetr.toml", fs::perms(0644), fs::perm_options::replace);
        writeBackupArchive(archive, staging, {"9.9.9", 3, "2026-11-22T00:00:00.000Z", {}});
    }
    // Unpacks with the system tar, lets the test alter the tree, and repacks it manifest first.
    void repack(const std::function<void(const fs::path&)>& alter, std::vector<std::string> members = {"manifest.json", "data", "config"}) {
        auto tree = dir / "tree";
        fs::create_directories(tree);
        ASSERT_EQ(run({"tar", "-xzf", archive.string(), "-C", tree.string()}).exitCode, 0);
        alter(tree);
        std::vector<std::string> argv{"tar", "-P", "-czf", archive.string(), "-C", tree.string()};
        argv.insert(argv.end(), members.begin(), members.end());
        auto r = run(argv);
        ASSERT_EQ(r.exitCode, 0) << r.output;
    }
    std::string refusal() {
        auto out = dir / "out";
        fs::create_directories(out);
        try {
            extractBackupArchive(archive, out);
        } catch (const BackupError& e) {
            return e.what();
        }
        return "";
    }
};

TEST_F(BackupArchive, RoundTripKeepsContentsAndModes) {
    EXPECT_EQ(modeOf(archive), 0600u) << "the archive holds keys";
    auto out = dir / "out";
    fs::create_directories(out);
    auto m = extractBackupArchive(archive, out);
    EXPECT_EQ(m.rivetrVersion, "9.9.9");
    EXPECT_EQ(m.schemaVersion, 3);
    ASSERT_EQ(m.files.size(), 3u);
    EXPECT_EQ(test::readFile(out / "data/secret.key"), "0123456789abcdef");
    EXPECT_EQ(test::readFile(out / "data/certs/a.test/cert.pem"), "CERT");
    EXPECT_EQ(modeOf(out / "data/secret.key"), 0600u);
    EXPECT_EQ(modeOf(out / "config/rivetr.toml"), 0644u);
    EXPECT_EQ(modeOf(out / "data/certs/a.test"), 0700u);
}

TEST_F(BackupArchive, RefusesAnAlteredFile) {
    repack([](const fs::path& t) { test::writeFile(t / "data/secret.key", "fedcba9876543210"); });
    EXPECT_NE(refusal().find("data/secret.key does not match its checksum"), std::string::npos) << refusal();
}

TEST_F(BackupArchive, RefusesAMissingOrUnlistedFile) {
    repack([](const fs::path& t) { fs::remove(t / "config/rivetr.toml"); });
    EXPECT_NE(refusal().find("config/rivetr.toml is listed in the manifest but missing"), std::string::npos) << refusal();
}

TEST_F(BackupArchive, RefusesAMemberOutsideTheManifest) {
    repack([](const fs::path& t) { test::writeFile(t / "data/extra", "x"); });
    EXPECT_NE(refusal().find("data/extra is in the archive but not in its manifest"), std::string::npos) << refusal();
}

TEST_F(BackupArchive, RefusesPathsThatEscapeAndWritesNothingOutside) {
    repack([](const fs::path& t) {
        auto manifest = test::readFile(t / "manifest.json");
        manifest.replace(manifest.find("\"config/rivetr.toml\""), 20, "\"../escaped.toml\"");
        test::writeFile(t / "manifest.json", manifest);
        test::writeFile(t / "../escaped.toml", "[server]\n");
    }, {"manifest.json", "data", "../escaped.toml"});
    fs::remove(dir / "escaped.toml");
    EXPECT_NE(refusal().find("unsafe path: ../escaped.toml"), std::string::npos) << refusal();
    EXPECT_FALSE(fs::exists(dir / "escaped.toml"));
}

TEST_F(BackupArchive, RefusesSomethingThatIsNotABackup) {
    test::writeFile(dir / "plain/readme", "hi");
    ASSERT_EQ(run({"tar", "-czf", archive.string(), "-C", (dir / "plain").string(), "readme"}).exitCode, 0);
    EXPECT_NE(refusal().find("is not a Rivetr backup"), std::string::npos) << refusal();
    test::writeFile(archive, "not even gzip");
    EXPECT_FALSE(refusal().empty());
}

// A backup written where there is no room fails naming the disk and leaves no partial archive.
TEST_F(BackupArchive, ABackupOntoAFullDiskFailsNamingItAndLeavesNothing) {
    auto noise = crypto::randomBytes(300 * 1000);  // random: gzip cannot shrink it
    test::writeFile(staging / "data/rivetr.db", std::string(noise.begin(), noise.end()));
    test::SmallTmpfs disk(dir / "disk", 128 * 1024);
    auto out = disk.path() / "backup.tar.gz";
    try {
        writeBackupArchive(out, staging, {"9.9.9", 3, "2026-11-22T00:00:00.000Z", {}});
        FAIL() << "300 KB of incompressible data cannot fit in 128 KB";
    } catch (const std::exception& e) {
        std::string m = e.what();
        EXPECT_NE(m.find("no space left on device: "), std::string::npos) << m;
        EXPECT_NE(m.find(" free in " + disk.path().string()), std::string::npos) << m;
    }
    EXPECT_TRUE(fs::is_empty(disk.path())) << "a partial archive stayed behind";
}

}  // namespace
}  // namespace rivetr::cli
