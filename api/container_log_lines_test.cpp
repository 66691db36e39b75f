// Container output pieces become whole lines per stream, with the engine's timestamp in ms.
#include "api/container_log_lines.hpp"

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

}  // namespace
}  // namespace rivetr::api
