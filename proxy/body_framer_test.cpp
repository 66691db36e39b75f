// The framing the proxy writes for relayed bodies: one message per body, however the pieces came.
#include "proxy/body_framer.hpp"

#include <gtest/gtest.h>

#include <boost/asio/buffer.hpp>
#include <string>

namespace rivetr::proxy {
namespace {

std::string bytes(std::span<const boost::asio::const_buffer> bufs) {
    std::string out;
    for (const auto& b : bufs) out.append(static_cast<const char*>(b.data()), b.size());
    return out;
}

TEST(BodyFramer, AnEmptyChunkedBodyIsTheHeaderAndOneLastChunk) {
    BodyFramer f(Framing::Chunked, "H\r\n\r\n");
    EXPECT_EQ(bytes(f.frame(nullptr, 0, true)), "H\r\n\r\n0\r\n\r\n");
    EXPECT_TRUE(f.finished());
    EXPECT_EQ(bytes(f.frame(nullptr, 0, true)), "");  // never a second last chunk
}

TEST(BodyFramer, EachPieceIsOneChunkAndEmptyPiecesWriteNothing) {
    BodyFramer f(Framing::Chunked, "H\r\n\r\n");
    EXPECT_EQ(bytes(f.frame(nullptr, 0, false)), "H\r\n\r\n");
    EXPECT_EQ(bytes(f.frame("hello", 5, false)), "5\r\nhello\r\n");
    EXPECT_EQ(bytes(f.frame(nullptr, 0, false)), "");
    const std::string big(0x1a2b, 'x');
    EXPECT_EQ(bytes(f.frame(big.data(), big.size(), true)), "1a2b\r\n" + big + "\r\n0\r\n\r\n");
}

TEST(BodyFramer, RawPiecesGoAsTheyCome) {
    BodyFramer f(Framing::Raw, "H\r\n\r\n");
    EXPECT_EQ(bytes(f.frame("ab", 2, false)), "H\r\n\r\nab");
    EXPECT_EQ(bytes(f.frame("c", 1, true)), "c");
    EXPECT_TRUE(f.finished());
}

TEST(BodyFramer, ChunkSizesAreLowercaseHex) {
    std::array<char, 20> out{};
    for (auto [n, want] : {std::pair<std::size_t, std::string>{1, "1\r\n"}, {15, "f\r\n"}, {16, "10\r\n"},
                           {65536, "10000\r\n"}, {SIZE_MAX, "ffffffffffffffff\r\n"}}) {
        EXPECT_EQ(std::string(out.data(), writeChunkSize(out, n)), want);
    }
}

}  // namespace
}  // namespace rivetr::proxy
