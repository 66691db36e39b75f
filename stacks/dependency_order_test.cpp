// Start order of a stack's services: levels, parallel siblings, cycles, and compose's depends_on label.
#include "stacks/dependency_order.hpp"

#include <gtest/gtest.h>

namespace rivetr::stacks {
namespace {

using Levels = std::vector<std::vector<std::string>>;

TEST(DependencyOrder, IndependentServicesShareTheFirstLevel) {
    EXPECT_EQ(dependencyLevels({{"a", {}}, {"b", {}}, {"c", {}}}), (Levels{{"a", "b", "c"}}));
}

TEST(DependencyOrder, ADependentComesOneLevelAfterItsLastDependency) {
    Levels levels = dependencyLevels({{"web", {"db", "cache"}}, {"db", {}}, {"cache", {"db"}}, {"worker", {"db"}}});
    EXPECT_EQ(levels, (Levels{{"db"}, {"cache", "worker"}, {"web"}}));
}

TEST(DependencyOrder, DependenciesOutsideTheMapAreAlreadyThere) {
    EXPECT_EQ(dependencyLevels({{"web", {"db"}}}), (Levels{{"web"}}));
}

TEST(DependencyOrder, ACycleIsRefusedNamingAServiceInIt) {
    try {
        dependencyLevels({{"a", {"b"}}, {"b", {"a"}}, {"c", {}}});
        FAIL() << "a cycle was ordered";
    } catch (const std::invalid_argument& e) {
        EXPECT_NE(std::string(e.what()).find("\"a\""), std::string::npos) << e.what();
    }
}

TEST(DependencyOrder, TheDependsOnLabelNamesItsServices) {
    EXPECT_EQ(servicesInDependsOnLabel("db:service_healthy:false,cache:service_started:true"), (std::vector<std::string>{"db", "cache"}));
    EXPECT_TRUE(servicesInDependsOnLabel("").empty());
    EXPECT_EQ(servicesInDependsOnLabel("db"), (std::vector<std::string>{"db"}));
}

}  // namespace
}  // namespace rivetr::stacks
