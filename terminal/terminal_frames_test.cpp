// Terminal frames: binary and plain text are keystrokes, a typed JSON text frame is a control message.
#include "terminal/terminal_frames.hpp"

#include <gtest/gtest.h>

namespace rivetr::terminal {
namespace {

using Kind = ClientFrame::Kind;

TEST(TerminalFrames, ResizeIsAControlMessage) {
    auto f = classifyFrame(true, R"({"type":"resize","cols":120,"rows":40})");
    EXPECT_EQ(f.kind, Kind::Resize);
    EXPECT_EQ(f.cols, 120u);
    EXPECT_EQ(f.rows, 40u);
}

TEST(TerminalFrames, BinaryIsAlwaysData) {
    EXPECT_EQ(classifyFrame(false, R"({"type":"resize","cols":120,"rows":40})").kind, Kind::Data);
    EXPECT_EQ(classifyFrame(false, "ls\r").kind, Kind::Data);
}

TEST(TerminalFrames, TextThatIsNotATypedObjectIsData) {
    for (const char* t : {"ls -l\r", "{", "{not json", R"({"cols":1})", R"({"type":3})", "[1,2]", ""})
        EXPECT_EQ(classifyFrame(true, t).kind, Kind::Data) << t;
}

TEST(TerminalFrames, UnknownTypesAndBadSizesAreIgnored) {
    for (const char* t : {R"({"type":"ping"})", R"({"type":"resize","cols":0,"rows":40})",
                          R"({"type":"resize","cols":80,"rows":1001})", R"({"type":"resize","cols":"80","rows":24})",
                          R"({"type":"resize","cols":80})", R"({"type":"resize","cols":-1,"rows":24})",
                          R"({"type":"resize","cols":80.5,"rows":24})"})
        EXPECT_EQ(classifyFrame(true, t).kind, Kind::Ignored) << t;
}

}  // namespace
}  // namespace rivetr::terminal
