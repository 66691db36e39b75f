// Detection on real git repositories: what the wizard suggests, and that nothing of the look stays on disk.
#include "engine/repository_detector.hpp"

#include <gtest/gtest.h>

#include "core/git/git_test_repo.hpp"
#include "tests/support/test_support.hpp"

namespace rivetr::engine {
namespace {

namespace fs = std::filesystem;

struct Detector : ::testing::Test {
    test::TempDir dir;
    git::test::TestRepo repo{dir.path() / "repo"};
    std::unique_ptr<git::Source> source = git::test::sourceAt(dir.path() / "data");
    builders::BuilderRegistry builders{builders::BuildersOptions{}};

    DetectResult detect(const std::string& branch = "main", const std::string& baseDir = "") {
        return detectRepository(*source, builders, {repo.url(), branch, baseDir, {}});
    }
    std::size_t cachedRepositories() {
        auto git = dir.path() / "data" / "git";
        if (!fs::exists(git)) return 0;
        return static_cast<std::size_t>(std::distance(fs::directory_iterator(git), fs::directory_iterator()));
    }
};

TEST_F(Detector, DockerfileWithItsExposedPort) {
    repo.write("Dockerfile", "FROM scratch\n# EXPOSE 1 is a comment\nexpose 8000/tcp\nEXPOSE 9000\n");
    auto sha = repo.commit("dockerfile");
    auto r = detect();
    EXPECT_EQ(r.buildType, "dockerfile");
    EXPECT_EQ(r.port, 8000);
    EXPECT_EQ(r.commit, sha);
    EXPECT_EQ(cachedRepositories(), 0u) << "the detection cache was left on disk";
}

TEST_F(Detector, StaticSiteInABaseDirectoryAndNothingToBuild) {
    repo.write("site/public/index.html", "<h1>hi</h1>");
    repo.write("README.md", "docs");
    repo.commit("site");
    auto site = detect("main", "site");
    EXPECT_EQ(site.buildType, "static");
    EXPECT_FALSE(site.port);
    auto root = detect();
    EXPECT_FALSE(root.buildType);
    EXPECT_NE(root.reason.find("nothing to build"), std::string::npos) << root.reason;
}

TEST_F(Detector, UnknownBranchIsASourceErrorAndLeavesNothing) {
    repo.write("Dockerfile", "FROM scratch\n");
    repo.commit("one");
    try {
        detect("no-such-branch");
        FAIL() << "a missing branch was detected";
    } catch (const git::SourceError& e) {
        EXPECT_EQ(e.kind(), git::SourceErrorKind::RefNotFound) << e.what();
    }
    EXPECT_EQ(cachedRepositories(), 0u);
}

TEST(ExposedPort, ReadsTheFirstValidExpose) {
    EXPECT_EQ(exposedPort("FROM x\nEXPOSE 3000\n"), 3000);
    EXPECT_EQ(exposedPort("FROM x\n  EXPOSE 80/udp 443\n"), 80);
    EXPECT_FALSE(exposedPort("FROM x\nEXPOSE $PORT\n"));
    EXPECT_FALSE(exposedPort("FROM x\nEXPOSE 70000\n"));
    EXPECT_FALSE(exposedPort("FROM x\nRUN echo EXPOSE 1\n"));
}

}  // namespace
}  // namespace rivetr::engine
