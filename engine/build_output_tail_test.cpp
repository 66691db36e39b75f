// A failed build's error names the step and shows that step's last lines, from Docker's or Podman's output.
#include "engine/build_output_tail.hpp"

#include <gtest/gtest.h>

namespace rivetr::engine {
namespace {

TEST(BuildOutputTailTest, NamesTheFailingDockerStepWithItsOwnLinesOnly) {
    BuildOutputTail tail;
    tail.add("Step 1/3 : FROM scratch\n ---> \nStep 2/3 : COPY . /src\n ---> 1a2b3c\n");
    tail.add("Step 3/3 : RUN make\n ---> Running in 9f8e7d\ncc -c main.c\n\x1b[91mmain.c:3: er");
    tail.add("ror: expected ';'\n\x1b[0m");  // stderr in red, as Docker sends it
    EXPECT_EQ(tail.step(), "step 3/3 (RUN make)");
    EXPECT_EQ(tail.explain("build failed", "The command '/bin/sh -c make' returned a non-zero code: 2"),
              "build failed at step 3/3 (RUN make): The command '/bin/sh -c make' returned a non-zero code: 2; "
              "its last output:\ncc -c main.c\nmain.c:3: error: expected ';'");
}

TEST(BuildOutputTailTest, ReadsPodmansStepLinesAndKeepsOnlyTheLastLines) {
    BuildOutputTail tail(2);
    tail.add("STEP 1/2: FROM scratch\nSTEP 2/2: RUN make\none\ntwo\nthree\n");
    EXPECT_EQ(tail.explain("build failed", "exit status 2"),
              "build failed at step 2/2 (RUN make): exit status 2; its last output:\ntwo\nthree");
}

TEST(BuildOutputTailTest, WithoutStepsOrOutputSaysWhatItKnows) {
    BuildOutputTail tail;
    EXPECT_EQ(tail.explain("build failed", "nixpacks exited with code 1"), "build failed: nixpacks exited with code 1");
    tail.add("Stepping through the plan\nerror: no start command\n");
    EXPECT_EQ(tail.step(), "");
    EXPECT_EQ(tail.explain("build failed", "nixpacks exited with code 1"),
              "build failed: nixpacks exited with code 1; its last output:\nStepping through the plan\nerror: no start "
              "command");
}

}  // namespace
}  // namespace rivetr::engine
