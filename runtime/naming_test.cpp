// Names and labels come from ids only; anything else is refused before it reaches the engine.
#include "runtime/naming.hpp"

#include <gtest/gtest.h>

#include "runtime/runtime_error.hpp"

namespace rivetr::runtime {
namespace {

TEST(Naming, NamesAndLabelsDeriveFromIds) {
    EXPECT_EQ(containerName("app_1a", "dep_2b"), "rivetr-app_1a-dep_2b");
    EXPECT_EQ(imageRef("app_1a", "dep_2b"), "rivetr/app_1a:dep_2b");
    EXPECT_EQ(volumeName("app_1a", "data"), "rivetr-app_1a-data");
    auto l = rivetrLabels("app_1a", "dep_2b");
    EXPECT_EQ(l.at("rivetr.managed"), "true");
    EXPECT_EQ(l.at("rivetr.app"), "app_1a");
    EXPECT_EQ(l.at("rivetr.deployment"), "dep_2b");
    EXPECT_EQ(rivetrFilter().size(), 1u);
}

TEST(Naming, RejectsNamesThatAreNotIds) {
    EXPECT_THROW(containerName("My App", "dep_1"), RuntimeError);
    EXPECT_THROW(imageRef("app_1", "../x"), RuntimeError);
    EXPECT_THROW(volumeName("app_1", "-bad"), RuntimeError);
    EXPECT_THROW(rivetrLabels("app;rm -rf", ""), RuntimeError);
}

}  // namespace
}  // namespace rivetr::runtime
