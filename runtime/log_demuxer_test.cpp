// Multiplexed log frames cut at every byte position still give stdout and stderr back intact.
#include "runtime/log_demuxer.hpp"

#include <gtest/gtest.h>

#include <string>

namespace rivetr::runtime {
namespace {

std::string frame(char stream, const std::string& payload) {
    std::string f = {stream, 0, 0, 0};
    auto n = static_cast<std::uint32_t>(payload.size());
    f += static_cast<char>(n >> 24);
    f += static_cast<char>((n >> 16) & 0xff);
    f += static_cast<char>((n >> 8) & 0xff);
    f += static_cast<char>(n & 0xff);
    return f + payload;
}

struct Collected {
    std::string out, err;
    LogSink sink() {
        return [this](LogStream s, std::string_view d) { (s == LogStream::Stdout ? out : err).append(d); };
    }
};

TEST(LogDemuxer, SeparatesStreamsWhenFramesAreSplitAtEveryPosition) {
    std::string big(70000, 'z');  // length needs three header bytes
    std::string stream = frame(1, "hello out\n") + frame(2, "oops\n") + frame(1, "") + frame(2, big) + frame(1, "end\n");
    for (std::size_t cut = 0; cut <= stream.size(); cut += (cut < 64 ? 1 : 997)) {
        LogDemuxer d;
        Collected c;
        d.feed(std::string_view(stream).substr(0, cut), c.sink());
        d.feed(std::string_view(stream).substr(cut), c.sink());
        ASSERT_EQ(c.out, "hello out\nend\n") << "cut at " << cut;
        ASSERT_EQ(c.err, "oops\n" + big) << "cut at " << cut;
        ASSERT_FALSE(d.midFrame());
    }
}

TEST(LogDemuxer, ByteByByteFeeding) {
    std::string stream = frame(2, "e1") + frame(1, "o1") + frame(2, "e2");
    LogDemuxer d;
    Collected c;
    for (char ch : stream) d.feed(std::string_view(&ch, 1), c.sink());
    EXPECT_EQ(c.out, "o1");
    EXPECT_EQ(c.err, "e1e2");
}

TEST(LogDemuxer, ReportsATruncatedFrame) {
    LogDemuxer d;
    Collected c;
    d.feed(frame(1, "abcdef").substr(0, 10), c.sink());
    EXPECT_EQ(c.out, "ab");
    EXPECT_TRUE(d.midFrame());
}

TEST(LogDemuxer, TtyStreamsPassThroughAsStdout) {
    LogDemuxer d(true);
    Collected c;
    d.feed(std::string("\x01\x00raw", 5), c.sink());
    EXPECT_EQ(c.out, std::string("\x01\x00raw", 5));
    EXPECT_TRUE(c.err.empty());
}

}  // namespace
}  // namespace rivetr::runtime
