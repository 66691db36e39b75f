// .dockerignore rules as the Docker CLI applies them: wildcards, **, exceptions, parent directories.
#include "runtime/dockerignore.hpp"

#include <gtest/gtest.h>

#include <chrono>

#include "runtime/runtime_error.hpp"

namespace rivetr::runtime {
namespace {

TEST(DockerIgnore, PlainNamesExcludeTheEntryAndEverythingBelowIt) {
    auto d = DockerIgnore::parse("node_modules\n# a comment\n\n  build/  \n");
    EXPECT_TRUE(d.excluded("node_modules"));
    EXPECT_TRUE(d.excluded("node_modules/a/b.js"));
    EXPECT_TRUE(d.excluded("build/out.o"));
    EXPECT_FALSE(d.excluded("src/node_modules"));  // anchored at the context root
    EXPECT_FALSE(d.excluded("# a comment"));
    EXPECT_FALSE(d.excluded("buildx"));
}

TEST(DockerIgnore, StarAndQuestionMarkStayInOneSegment) {
    auto d = DockerIgnore::parse("*.log\nsrc/*/tmp\nfile?.txt\n");
    EXPECT_TRUE(d.excluded("a.log"));
    EXPECT_FALSE(d.excluded("dir/a.log"));
    EXPECT_TRUE(d.excluded("src/x/tmp/y"));
    EXPECT_FALSE(d.excluded("src/x/y/tmp"));
    EXPECT_TRUE(d.excluded("file1.txt"));
    EXPECT_FALSE(d.excluded("file10.txt"));
}

TEST(DockerIgnore, DoubleStarSpansDirectories) {
    auto d = DockerIgnore::parse("**/*.tmp\ndocs/**\n");
    EXPECT_TRUE(d.excluded("a.tmp"));
    EXPECT_TRUE(d.excluded("x/y/z/a.tmp"));
    EXPECT_TRUE(d.excluded("docs/a/b/c.md"));
    EXPECT_FALSE(d.excluded("src/a.c"));
}

TEST(DockerIgnore, ExceptionsReincludeAndTheLastMatchWins) {
    auto d = DockerIgnore::parse("*.md\n!README.md\nREADME*.md\n!keep/\nkeep/secret\n");
    EXPECT_TRUE(d.excluded("CHANGES.md"));
    EXPECT_TRUE(d.excluded("README.md"));  // re-excluded by the later README*.md
    auto e = DockerIgnore::parse("*.md\n!README.md\n");
    EXPECT_FALSE(e.excluded("README.md"));
    EXPECT_TRUE(e.excluded("NOTES.md"));
    EXPECT_TRUE(e.hasExceptions());
    auto f = DockerIgnore::parse("dist\n!dist/keep.txt\n");
    EXPECT_TRUE(f.excluded("dist/other.txt"));
    EXPECT_FALSE(f.excluded("dist/keep.txt"));
}

TEST(DockerIgnore, LeadingSlashAndDotSegmentsAreCleaned) {
    auto d = DockerIgnore::parse("/secret.env\n./tmp/../cache\n");
    EXPECT_TRUE(d.excluded("secret.env"));
    EXPECT_TRUE(d.excluded("cache/x"));
    EXPECT_FALSE(d.excluded("tmp"));
}

TEST(DockerIgnore, RegexMetacharactersAreLiteral) {
    auto d = DockerIgnore::parse("a+b.(c)\n[ab]x\n");
    EXPECT_TRUE(d.excluded("a+b.(c)"));
    EXPECT_FALSE(d.excluded("aab.(c)"));
    EXPECT_TRUE(d.excluded("bx"));
    EXPECT_FALSE(d.excluded("cx"));
}

TEST(DockerIgnore, ClassesRangesAndEscapes) {
    auto d = DockerIgnore::parse("log[0-9].txt\nx[^ab]y\nstar\\*\n");
    EXPECT_TRUE(d.excluded("log7.txt"));
    EXPECT_FALSE(d.excluded("logx.txt"));
    EXPECT_TRUE(d.excluded("xcy"));
    EXPECT_FALSE(d.excluded("xay"));
    EXPECT_TRUE(d.excluded("star*"));
    EXPECT_FALSE(d.excluded("starry"));
}

TEST(DockerIgnore, PathologicalPatternsStayFast) {
    auto d = DockerIgnore::parse("**/*a*a*a*a*a*a*a*a*a*a*b\n");
    std::string path = std::string(200, 'a') + "/" + std::string(2000, 'a');
    auto t0 = std::chrono::steady_clock::now();
    EXPECT_FALSE(d.excluded(path));
    EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(2));
}

TEST(DockerIgnore, ABrokenPatternIsAClearError) {
    EXPECT_THROW(DockerIgnore::parse("[unclosed\n"), RuntimeError);
}

}  // namespace
}  // namespace rivetr::runtime
