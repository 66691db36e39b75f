// SSE framing: id, event and one data line per line of payload, a blank line ending the event.
#include "api/http/sse_stream.hpp"

#include <gtest/gtest.h>

namespace rivetr::api {
namespace {

TEST(SseFormat, EventWithIdAndJson) {
    EXPECT_EQ(formatSseEvent("log", 42, R"({"line":"x"})"), "id: 42\nevent: log\ndata: {\"line\":\"x\"}\n\n");
}

TEST(SseFormat, MultiLineDataBecomesSeveralDataLines) {
    EXPECT_EQ(formatSseEvent("end", std::nullopt, "a\nb"), "event: end\ndata: a\ndata: b\n\n");
}

}  // namespace
}  // namespace rivetr::api
