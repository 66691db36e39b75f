// Rivetr's own tar pieces: the metadata entry it writes, and the one file it takes out of the engine's tar.
#include "volumes/tar_stream.hpp"

#include <gtest/gtest.h>

namespace rivetr::volumes {
namespace {

TEST(TarStream, ReadsTheFirstFileFedInSmallPiecesSkippingPaxHeaders) {
    std::string pax = ustarFile("PaxHeader", "30 path=aaaaaaaaaaaaaaaaaaaaa\n", 0644, 0);
    pax[156] = 'x';  // turn it into an extended header (its checksum is not checked here)
    std::string tar = pax + ustarFile("f", "hello world", 0644, 0) + ustarFile("g", "next", 0644, 0);
    std::string got;
    FirstFileReader r([&](std::string_view d) { got.append(d); });
    for (std::size_t i = 0; i < tar.size() && r.feed(std::string_view(tar).substr(i, 7)); i += 7) {
    }
    EXPECT_TRUE(r.complete());
    EXPECT_EQ(r.type(), '0');
    EXPECT_EQ(got, "hello world");
}

TEST(TarStream, ASymlinkIsReportedNotRead) {
    std::string tar = ustarFile("l", "", 0777, 0);
    tar[156] = '2';
    std::string got;
    FirstFileReader r([&](std::string_view d) { got.append(d); });
    EXPECT_FALSE(r.feed(tar));
    EXPECT_EQ(r.type(), '2');
    EXPECT_EQ(got, "");
}

}  // namespace
}  // namespace rivetr::volumes
