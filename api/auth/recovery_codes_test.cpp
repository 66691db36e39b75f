// Recovery codes: fresh, unguessable, in four groups of four, and read back however they are typed.
#include "api/auth/recovery_codes.hpp"

#include <gtest/gtest.h>

#include <regex>
#include <set>

namespace rivetr::api::recovery {
namespace {

TEST(RecoveryCodes, TenDistinctCodesInFourGroupsOfFour) {
    auto codes = newCodes();
    ASSERT_EQ(codes.size(), 10u);
    std::set<std::string> seen;
    static const std::regex shape("^[0-9a-hjkmnp-tv-z]{4}(-[0-9a-hjkmnp-tv-z]{4}){3}$");
    for (const auto& c : codes) {
        EXPECT_TRUE(std::regex_match(c, shape)) << c;
        EXPECT_TRUE(seen.insert(c).second) << "a code repeated: " << c;
        EXPECT_EQ(normalize(c), c.substr(0, 4) + c.substr(5, 4) + c.substr(10, 4) + c.substr(15, 4));
    }
    EXPECT_NE(newCodes(1), newCodes(1));
}

TEST(RecoveryCodes, TypedFormsReadBackAndOthersAreRefused) {
    EXPECT_EQ(normalize("7KQ2-M9XD-4HV0-PTCE"), "7kq2m9xd4hv0ptce");
    EXPECT_EQ(normalize(" 7kq2 m9xd 4hvO ptce "), "7kq2m9xd4hv0ptce") << "O read as 0";
    EXPECT_EQ(normalize("7kq2-m9xd-4hvl-ptce"), "7kq2m9xd4hv1ptce") << "l read as 1";
    EXPECT_EQ(normalize("7kq2-m9xd-4hvi-ptce"), "7kq2m9xd4hv1ptce") << "i read as 1";
    for (const char* bad : {"", "123456", "7kq2-m9xd-4hv0-ptc", "7kq2-m9xd-4hv0-ptcee", "7kq2-m9xd-4hv0-ptcu",
                            "7kq2-m9xd-4hv0-ptc!"}) {
        EXPECT_FALSE(normalize(bad)) << bad;
    }
}

}  // namespace
}  // namespace rivetr::api::recovery
