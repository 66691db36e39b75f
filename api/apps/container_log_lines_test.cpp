// Container output pieces become whole lines per stream, with the engine's timestamp in ms.
#include "api/apps/container_log_lines.hpp"

#include <gtest/gtest.h>

namespace rivetr::api {
namespace {

using runtime::LogStream;

TEST(ContainerLogLines, JoinsPiecesPerStreamAndParsesTimestamps) {
    ContainerLogLines s;
    EXPECT_TRUE(s.add(LogStream::Stdout, "2026-11-22T12:00:01.250000000Z hel").empty());
    auto err = s.add(LogStream::Stderr, "2026-11-22T12:00:02Z oops\n");
    ASSERT_EQ(err.size(), 1u);
    EXPECT_EQ(err[0].stream, "stderr");
    EXPECT_EQ(err[0].line, "oops");
    EXPECT_EQ(err[0].ts, 1795348802000);
    auto out = s.add(LogStream::Stdout, "lo\r\n2026-11-22T12:00:03.5Z two\n");
    ASSERT_EQ(out.size(), 2u);
    EXPECT_EQ(out[0].line, "hello");
    EXPECT_EQ(out[0].ts, 1795348801250);
    EXPECT_EQ(out[1].line, "two");
    EXPECT_EQ(out[1].ts, 1795348803500);
}

TEST(ContainerLogLines, LineWithoutTimestampKeepsItsText) {
    auto l = parseTimestamped("stdout", "not-a-time and more");
    EXPECT_EQ(l.ts, 0);
    EXPECT_EQ(l.line, "not-a-time and more");
}

TEST(ContainerLogLines, FinishReleasesPartialLines) {
    ContainerLogLines s;
    s.add(LogStream::Stdout, "2026-11-22T12:00:01Z no newline");
    auto rest = s.finish();
    ASSERT_EQ(rest.size(), 1u);
    EXPECT_EQ(rest[0].line, "no newline");
    EXPECT_TRUE(s.finish().empty());
}

TEST(ContainerLogLines, TimestampsKeepTheirNanoseconds) {
    auto l = parseTimestamped("stdout", "2026-11-22T12:00:01.123456789Z x");
    EXPECT_EQ(l.nanos, 1795348801123456789);
    EXPECT_EQ(l.ts, 1795348801123);
    EXPECT_EQ(parseTimestamped("stdout", "2026-11-22T12:00:01.5Z y").nanos, 1795348801500000000);
}

ContainerLogLine stampedAt(std::int64_t nanos) {
    ContainerLogLine l;
    l.nanos = nanos;
    return l;
}

TEST(ContainerLogSequence, IdsTellApartLinesStampedAlike) {
    ContainerLogSequence seq;
    std::vector<std::string> ids;
    for (std::int64_t n : {5, 7, 7, 7, 9}) ids.push_back(seq.next(stampedAt(n)).value_or("dropped"));
    EXPECT_EQ(ids, (std::vector<std::string>{"5:0", "7:0", "7:1", "7:2", "9:0"}));
}

// The engine is asked again from the cursor's second: what the client had is dropped, the rest passes once.
TEST(ContainerLogSequence, ResumingPassesOnlyTheLinesAfterTheCursor) {
    ContainerLogSequence seq(ContainerLogCursor::parse("7:1"));
    std::vector<std::string> ids;
    for (std::int64_t n : {5, 7, 7, 7, 9, 10}) {
        if (auto id = seq.next(stampedAt(n))) ids.push_back(*id);
    }
    EXPECT_EQ(ids, (std::vector<std::string>{"7:2", "9:0", "10:0"}));
}

TEST(ContainerLogCursor, OnlyItsOwnShapeParses) {
    for (const char* bad : {"", "42", "a:1", "1:", ":1", "-1:0", "1:-2", "1:2:3", "1 :2"}) {
        EXPECT_FALSE(ContainerLogCursor::parse(bad)) << bad;
    }
    auto c = ContainerLogCursor::parse("1795348801123456789:2");
    ASSERT_TRUE(c);
    EXPECT_EQ(c->nanos, 1795348801123456789);
    EXPECT_EQ(c->same, 2);
    EXPECT_EQ(c->id(), "1795348801123456789:2");
}

}  // namespace
}  // namespace rivetr::api
