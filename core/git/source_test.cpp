// Source over file://: branch/tag/SHA checkout, incremental fetch, submodules, errors, cancellation.
#include "core/git/source.hpp"

#include <gtest/gtest.h>

#include "core/git/git_test_repo.hpp"
#include "tests/support/small_tmpfs.hpp"
#include "tests/support/test_support.hpp"
#include "tests/support/thrown_kind.hpp"

namespace rivetr::git {
namespace {

using rivetr::test::readFile;
using rivetr::test::TempDir;
using test::TestRepo;

class SourceTest : public ::testing::Test {
protected:
    TempDir tmp{"rivetr-git"};
    std::filesystem::path data = tmp / "data";
    std::unique_ptr<Source> source = test::sourceAt(data);
    TestRepo upstream{tmp / "upstream"};

    FetchRequest request(const std::string& ref) {
        FetchRequest r;
        r.appId = "app_0123456789abcdef";
        r.url = upstream.url();
        r.ref = ref;
        return r;
    }
    std::optional<SourceErrorKind> failureKind(const FetchRequest& r, std::string* message = nullptr) {
        return rivetr::test::thrownKind<SourceError>([&] { source->checkout(r); }, message);
    }
    std::size_t workDirsLeft() {
        auto root = data / "work";
        if (!std::filesystem::exists(root)) return 0;
        return static_cast<std::size_t>(std::distance(std::filesystem::directory_iterator(root), {}));
    }
};

TEST_F(SourceTest, ChecksOutBranchTagAndShaWithCommitDetails) {
    upstream.write("app.txt", "v1\n");
    auto v1 = upstream.commit("first version");
    upstream.git({"tag", "release-1"});
    upstream.write("app.txt", "v2\n");
    auto v2 = upstream.commit("second version\n\nwith a body");
    upstream.git({"checkout", "-q", "-b", "feature"});
    upstream.write("app.txt", "feature\n");
    auto feature = upstream.commit("feature work");
    upstream.git({"checkout", "-q", "main"});

    auto main = source->checkout(request("main"));
    EXPECT_EQ(readFile(main.dir.path() / "app.txt"), "v2\n");
    EXPECT_EQ(main.sha, v2);
    EXPECT_EQ(main.message, "second version\n\nwith a body");
    EXPECT_EQ(main.authorName, "Ada Tester");
    EXPECT_EQ(main.authorEmail, "ada@example.test");
    EXPECT_GT(main.authorTimeMs, 0);
    EXPECT_FALSE(std::filesystem::exists(main.dir.path() / ".git"));

    auto tag = source->checkout(request("release-1"));
    EXPECT_EQ(tag.sha, v1);
    EXPECT_EQ(readFile(tag.dir.path() / "app.txt"), "v1\n");
    auto sha = source->checkout(request(feature));
    EXPECT_EQ(readFile(sha.dir.path() / "app.txt"), "feature\n");
    auto shortSha = source->checkout(request(v1.substr(0, 10)));
    EXPECT_EQ(shortSha.sha, v1);
    auto head = source->checkout(request(""));
    EXPECT_EQ(head.sha, v2) << "an empty ref follows the remote's HEAD";
    EXPECT_NE(main.dir.path(), tag.dir.path()) << "every deployment gets its own directory";
}

TEST_F(SourceTest, WorkDirIsRemovedWhenTheCheckoutIsDropped) {
    upstream.write("a", "1");
    upstream.commit("c");
    std::filesystem::path dir;
    {
        auto co = source->checkout(request("main"));
        dir = co.dir.path();
        ASSERT_TRUE(std::filesystem::exists(dir / "a"));
    }
    EXPECT_FALSE(std::filesystem::exists(dir));
    EXPECT_EQ(workDirsLeft(), 0u);
    EXPECT_TRUE(std::filesystem::exists(data / "git" / "app_0123456789abcdef.git")) << "the cache stays";
}

TEST_F(SourceTest, WorkDirsLeftByACrashAreSweptAtStart) {
    upstream.write("a", "1");
    upstream.commit("c");
    auto live = source->checkout(request("main"));
    std::filesystem::create_directories(data / "work" / "wd_app_dead_0123" / "sub");  // as a crash leaves it
    rivetr::test::writeFile(data / "work" / "unrelated.txt", "not ours");
    auto restarted = test::sourceAt(data);
    EXPECT_EQ(restarted->removeStaleWorkDirs(), 2u) << "the old run's directories (the live one counts here)";
    EXPECT_FALSE(std::filesystem::exists(data / "work" / "wd_app_dead_0123"));
    EXPECT_TRUE(std::filesystem::exists(data / "work" / "unrelated.txt"));
}

TEST_F(SourceTest, SecondFetchTransfersOnlyTheNewCommit) {
    for (int i = 0; i < 20; ++i) upstream.write("blob" + std::to_string(i), test::incompressible(20000, i));
    upstream.commit("big history");
    auto first = source->checkout(request("main"));
    upstream.write("small.txt", "one line\n");
    auto newSha = upstream.commit("one-line change");
    auto second = source->checkout(request("main"));

    EXPECT_EQ(second.sha, newSha);
    EXPECT_EQ(readFile(second.dir.path() / "small.txt"), "one line\n");
    EXPECT_GE(first.fetched.receivedObjects, 22u);
    EXPECT_GT(first.fetched.receivedBytes, 300000u);
    EXPECT_LE(second.fetched.receivedObjects, 3u) << "commit + tree + blob only";
    EXPECT_LT(second.fetched.receivedBytes * 50, first.fetched.receivedBytes);
}

TEST_F(SourceTest, SubmodulesAreCheckedOut) {
    TestRepo lib(tmp / "lib");
    lib.write("lib.txt", "library code\n");
    lib.commit("lib");
    upstream.write("main.txt", "app\n");
    upstream.git({"submodule", "add", "-q", lib.url(), "vendor/lib"});
    upstream.commit("add submodule");
    lib.write("lib.txt", "newer library code not recorded by the app\n");
    lib.commit("lib moves on");

    auto co = source->checkout(request("main"));
    EXPECT_EQ(readFile(co.dir.path() / "main.txt"), "app\n");
    EXPECT_EQ(readFile(co.dir.path() / "vendor/lib/lib.txt"), "library code\n") << "the recorded commit";

    FetchRequest noSubs = request("main");
    noSubs.submodules = false;
    auto plain = source->checkout(noSubs);
    EXPECT_FALSE(std::filesystem::exists(plain.dir.path() / "vendor/lib/lib.txt"));
}

TEST_F(SourceTest, MissingRefsAreTypedErrorsAndLeaveNoWorkDir) {
    upstream.write("a", "1");
    upstream.commit("c");
    for (std::string ref : {"no-such-branch", "v9.9.9", "0123456789abcdef0123456789abcdef01234567"}) {
        std::string message;
        EXPECT_EQ(failureKind(request(ref), &message), SourceErrorKind::RefNotFound) << ref << " should not resolve: " << message;
        EXPECT_NE(message.find(ref), std::string::npos) << message;
    }
    EXPECT_EQ(workDirsLeft(), 0u);
}

TEST_F(SourceTest, UnreachableRepositoryLeavesNothingOnDisk) {
    auto r = request("main");
    r.url = "file://" + (tmp / "does-not-exist").string();
    std::string message;
    EXPECT_EQ(failureKind(r, &message), SourceErrorKind::Unreachable) << "a missing repository must fail: " << message;
    EXPECT_FALSE(std::filesystem::exists(data / "git" / "app_0123456789abcdef.git"));
    EXPECT_EQ(workDirsLeft(), 0u);

    r.url = "http://127.0.0.1:" + std::to_string(rivetr::test::freePort()) + "/repo";
    EXPECT_EQ(failureKind(r, &message), SourceErrorKind::Unreachable) << "a closed port must fail: " << message;
    EXPECT_NE(message.find("cannot connect"), std::string::npos) << message;
    EXPECT_FALSE(std::filesystem::exists(data / "git" / "app_0123456789abcdef.git"));
}

TEST_F(SourceTest, BadInputIsRejectedBeforeAnythingHappens) {
    auto r = request("main");
    r.appId = "../escape";
    EXPECT_THROW(source->checkout(r), SourceError);
    r = request("main");
    r.url = "--upload-pack=evil";
    EXPECT_THROW(source->checkout(r), SourceError);
    upstream.write("a", "1");
    upstream.commit("c");
    EXPECT_EQ(failureKind(request("bad..ref")), SourceErrorKind::InvalidInput);
    EXPECT_FALSE(std::filesystem::exists(data / "git" / "escape.git"));
}

TEST_F(SourceTest, ProductionSourceRefusesLocalRepositories) {
    upstream.write("a", "1");
    upstream.commit("c");
    SourceOptions o;
    o.dataDir = data;
    auto production = makeLibgit2Source(o);
    std::string message;
    EXPECT_EQ(rivetr::test::thrownKind<SourceError>([&] { production->checkout(request("main")); }, &message),
              SourceErrorKind::InvalidInput)
        << "file:// must be refused unless allowed: " << message;
    EXPECT_NE(message.find("not allowed"), std::string::npos) << message;
    EXPECT_FALSE(std::filesystem::exists(data / "git"));
}

TEST_F(SourceTest, CancellationStopsAFirstCloneAndRemovesTheCache) {
    for (int i = 0; i < 30; ++i) upstream.write("f" + std::to_string(i), test::incompressible(30000, i));
    upstream.commit("c");
    std::atomic<bool> cancel{false};
    auto r = request("main");
    r.cancel = &cancel;
    int calls = 0;
    r.onProgress = [&](const TransferStats&) {
        ++calls;
        cancel = true;
    };
    std::string message;
    EXPECT_EQ(failureKind(r, &message), SourceErrorKind::Cancelled) << "a cancelled fetch must fail: " << message;
    EXPECT_GE(calls, 1);
    EXPECT_FALSE(std::filesystem::exists(data / "git" / "app_0123456789abcdef.git"));
    EXPECT_EQ(workDirsLeft(), 0u);
}

// The files after the first few no longer fit. A stream that was checked after write() but not
// after close() lost them silently: the checkout "succeeded" with empty files that went live.
TEST_F(SourceTest, ACheckoutOntoAFullDiskFailsNamingTheDiskAndLeavesNoWorkDir) {
    upstream.write("Dockerfile", "FROM scratch\nCOPY www /www\n");
    // Under 1 KiB each: a std::ofstream keeps so little in its buffer until close(), unchecked there.
    for (int i = 0; i < 40; ++i) upstream.write("www/page_" + std::to_string(10 + i) + ".txt", std::string(500, 'p'));
    upstream.commit("site");
    rivetr::test::SmallTmpfs work(data / "work", 256 * 1024);
    work.fillLeaving(16 * 1024);
    std::string m;
    EXPECT_EQ(failureKind(request("main"), &m), SourceErrorKind::Failed) << "a checkout that does not fit must fail: " << m;
    EXPECT_NE(m.find("no space left on device: "), std::string::npos) << m;
    EXPECT_NE(m.find(" free in " + work.path().string()), std::string::npos) << m;
    auto wd = std::count_if(std::filesystem::directory_iterator(work.path()), std::filesystem::directory_iterator(),
                            [](const auto& e) { return e.path().filename().string().rfind("wd_", 0) == 0; });
    EXPECT_EQ(wd, 0) << "the failed checkout's directory is removed";
}

// The git cache is written by libgit2 itself: its failed write is named the same way.
TEST_F(SourceTest, AFetchIntoAFullDiskNamesTheDisk) {
    for (int i = 0; i < 30; ++i) upstream.write("f" + std::to_string(i), test::incompressible(30000, i));
    upstream.commit("big");
    rivetr::test::SmallTmpfs git(data / "git", 256 * 1024);
    std::string m;
    EXPECT_TRUE(failureKind(request("main"), &m)) << "900 KB of objects cannot fit in 256 KB";
    EXPECT_NE(m.find("no space left on device: "), std::string::npos) << m;
    EXPECT_NE(m.find(" free in " + git.path().string()), std::string::npos) << m;
    EXPECT_FALSE(std::filesystem::exists(data / "git" / "app_0123456789abcdef.git")) << "a failed first clone leaves no cache";
}

}  // namespace
}  // namespace rivetr::git
