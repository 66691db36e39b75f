// .dockerignore rules as the Docker CLI applies them: wildcards, **, exceptions, parent directories.
#include "runtime/dockerignore.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <ostream>
#include <string>
#include <vector>

#include "runtime/runtime_error.hpp"

namespace rivetr::runtime {
namespace {

// A .dockerignore and, under it, the paths it excludes and the paths it keeps; named for what it shows.
struct Rules {
    std::string name;
    std::string dockerignore;
    std::vector<std::string> excluded, kept;
};

void PrintTo(const Rules& r, std::ostream* os) { *os << r.name; }

class DockerIgnoreRules : public ::testing::TestWithParam<Rules> {};

TEST_P(DockerIgnoreRules, ExcludeExactlyWhatTheyMatch) {
    const auto& rules = GetParam();
    auto d = DockerIgnore::parse(rules.dockerignore);
    for (const auto& path : rules.excluded) EXPECT_TRUE(d.excluded(path)) << path << " was kept";
    for (const auto& path : rules.kept) EXPECT_FALSE(d.excluded(path)) << path << " was excluded";
}

INSTANTIATE_TEST_SUITE_P(
    DockerIgnore, DockerIgnoreRules,
    ::testing::Values(
        Rules{"PlainNamesExcludeTheEntryAndEverythingBelowIt", "node_modules\n# a comment\n\n  build/  \n",
              {"node_modules", "node_modules/a/b.js", "build/out.o"},
              {"src/node_modules" /* anchored at the context root */, "# a comment", "buildx"}},
        Rules{"StarAndQuestionMarkStayInOneSegment", "*.log\nsrc/*/tmp\nfile?.txt\n",
              {"a.log", "src/x/tmp/y", "file1.txt"},
              {"dir/a.log", "src/x/y/tmp", "file10.txt"}},
        Rules{"DoubleStarSpansDirectories", "**/*.tmp\ndocs/**\n", {"a.tmp", "x/y/z/a.tmp", "docs/a/b/c.md"}, {"src/a.c"}},
        // README.md is re-excluded by the later README*.md.
        Rules{"TheLastMatchWins", "*.md\n!README.md\nREADME*.md\n!keep/\nkeep/secret\n", {"CHANGES.md", "README.md"}, {}},
        Rules{"ExceptionsReinclude", "*.md\n!README.md\n", {"NOTES.md"}, {"README.md"}},
        Rules{"ExceptionsReincludeInsideAnExcludedDirectory", "dist\n!dist/keep.txt\n", {"dist/other.txt"}, {"dist/keep.txt"}},
        Rules{"LeadingSlashAndDotSegmentsAreCleaned", "/secret.env\n./tmp/../cache\n", {"secret.env", "cache/x"}, {"tmp"}},
        Rules{"RegexMetacharactersAreLiteral", "a+b.(c)\n[ab]x\n", {"a+b.(c)", "bx"}, {"aab.(c)", "cx"}},
        Rules{"ClassesRangesAndEscapes", "log[0-9].txt\nx[^ab]y\nstar\\*\n",
              {"log7.txt", "xcy", "star*"},
              {"logx.txt", "xay", "starry"}}),
    [](const ::testing::TestParamInfo<Rules>& rule) { return rule.param.name; });

TEST(DockerIgnore, ExceptionsAreNoticed) {
    EXPECT_TRUE(DockerIgnore::parse("*.md\n!README.md\n").hasExceptions());
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
