// The CLI's SSE reader: events split across reads, comments skipped, multi-line data joined.
#include "cli/sse_client.hpp"

#include <gtest/gtest.h>

namespace rivetr::cli {
namespace {

TEST(SseParser, EventsAcrossArbitraryReads) {
    std::vector<std::pair<std::string, std::string>> got;
    SseParser p([&](const std::string& e, const std::string& d) { got.emplace_back(e, d); });
    std::string wire = ": connected\n\nid: 7\nevent: log\ndata: {\"line\":\"a\"}\n\nevent: end\r\ndata: x\ndata: y\n\n";
    for (char c : wire) p.feed(std::string_view(&c, 1));
    ASSERT_EQ(got.size(), 2u);
    EXPECT_EQ(got[0].first, "log");
    EXPECT_EQ(got[0].second, "{\"line\":\"a\"}");
    EXPECT_EQ(got[1].first, "end");
    EXPECT_EQ(got[1].second, "x\ny");
}

}  // namespace
}  // namespace rivetr::cli
