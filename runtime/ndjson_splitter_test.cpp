// The build/events stream arrives cut anywhere; every cut must give back the same lines.
#include "runtime/ndjson_splitter.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace rivetr::runtime {
namespace {

std::vector<std::string> splitAt(const std::string& text, std::vector<std::size_t> cuts) {
    NdjsonSplitter s;
    std::vector<std::string> lines;
    auto on = [&](std::string_view l) { lines.emplace_back(l); };
    std::size_t prev = 0;
    cuts.push_back(text.size());
    for (auto c : cuts) {
        s.feed(std::string_view(text).substr(prev, c - prev), on);
        prev = c;
    }
    s.finish(on);
    return lines;
}

TEST(NdjsonSplitter, GivesTheSameLinesWhereverTheStreamIsCut) {
    std::string text = "{\"stream\":\"Step 1/2\"}\r\n\n{\"error\":\"boom\",\"x\":\"\\n\"}\n{\"aux\":1}";
    std::vector<std::string> want = {"{\"stream\":\"Step 1/2\"}", "{\"error\":\"boom\",\"x\":\"\\n\"}", "{\"aux\":1}"};
    EXPECT_EQ(splitAt(text, {}), want);
    for (std::size_t i = 0; i <= text.size(); ++i)
        for (std::size_t j = i; j <= text.size(); j += 7) EXPECT_EQ(splitAt(text, {i, j}), want) << i << "," << j;
}

TEST(NdjsonSplitter, ByteByByteFeedingWorks) {
    std::string text = "a\nbb\nccc\n";
    std::vector<std::size_t> cuts;
    for (std::size_t i = 1; i < text.size(); ++i) cuts.push_back(i);
    EXPECT_EQ(splitAt(text, cuts), (std::vector<std::string>{"a", "bb", "ccc"}));
}

}  // namespace
}  // namespace rivetr::runtime
