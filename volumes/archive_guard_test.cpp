// The archive guard: a good backup passes with its metadata; each hostile archive is refused.
#include "volumes/archive_guard.hpp"

#include <gtest/gtest.h>

#include "tests/support/test_support.hpp"
#include "volumes/content_error.hpp"
#include "volumes/test_archive.hpp"

namespace rivetr::volumes {
namespace {

using testing::TestEntry;

class ArchiveGuard : public ::testing::Test {
protected:
    test::TempDir dir;
    std::filesystem::path file() const { return dir.path() / "a.tar.gz"; }

    std::string refusal(const std::vector<TestEntry>& entries, std::uintmax_t truncateTo = 0) {
        testing::writeTarGz(file(), entries, truncateTo);
        try {
            checkArchive(file());
        } catch (const ContentError& e) {
            EXPECT_EQ(e.kind(), ContentErrorKind::Invalid);
            return e.what();
        }
        return "accepted";
    }
};

TEST_F(ArchiveGuard, AcceptsInsideEntriesAndReadsTheMetadata) {
    testing::writeTarGz(file(), {{kMetadataEntry, '0', R"({"labels":{"a":"b"}})"},
                                 {"./", '5'},
                                 {"./d", '5'},
                                 {"./d/f", '0', "hello"},
                                 {"./d/up", '2', "../d/f"},
                                 {"./hard", '1', "d/f"}});
    auto check = checkArchive(file());
    EXPECT_EQ(check.metadata["labels"]["a"], "b");
    EXPECT_EQ(check.skipBytes, 1024u);  // the metadata entry's header and one block of content
    EXPECT_EQ(check.entries, 6u);
}

TEST_F(ArchiveGuard, RefusesEachHostileEntry) {
    EXPECT_NE(refusal({{"../evil", '0', "x"}}).find("'..'"), std::string::npos);
    EXPECT_NE(refusal({{"a/../../evil", '0', "x"}}).find("'..'"), std::string::npos);
    EXPECT_NE(refusal({{"/etc/evil", '0', "x"}}).find("absolute"), std::string::npos);
    EXPECT_NE(refusal({{"esc", '2', "/"}}).find("outside"), std::string::npos);
    EXPECT_NE(refusal({{"d/esc", '2', "../../etc"}}).find("outside"), std::string::npos);
    EXPECT_NE(refusal({{"hard", '1', "../etc/passwd"}}).find("'..'"), std::string::npos);
    EXPECT_NE(refusal({{"hard", '1', "/etc/passwd"}}).find("absolute"), std::string::npos);
    EXPECT_NE(refusal({{"tty", '3'}}).find("device"), std::string::npos);
    EXPECT_NE(refusal({{"s", '2', "."}, {"s/s/t", '2', "../x"}}).find("through the archive's symlink"), std::string::npos);
}

TEST_F(ArchiveGuard, RefusesTruncatedCorruptAndUncompressed) {
    std::string big(200000, 'x');
    for (auto& c : big) c = static_cast<char>('a' + (&c - big.data()) * 7919 % 26);
    testing::writeTarGz(file(), {{"f", '0', big}});
    auto full = std::filesystem::file_size(file());
    EXPECT_NE(refusal({{"f", '0', big}}, full / 2), "accepted");
    test::writeFile(file(), "not an archive at all");
    EXPECT_THROW(checkArchive(file()), ContentError);
}

}  // namespace
}  // namespace rivetr::volumes
