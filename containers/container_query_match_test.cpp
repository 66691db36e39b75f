// The engine's all/status/label filters applied to a list already read (the real engine's answers are compared in
// container_list_cache_docker_test.cpp).
#include "containers/container_query_match.hpp"

#include <gtest/gtest.h>

namespace rivetr::containers {
namespace {

runtime::ContainerSummary row(const std::string& state, runtime::Labels labels = {}) {
    runtime::ContainerSummary s;
    s.state = state;
    s.labels = std::move(labels);
    return s;
}

TEST(ContainerQueryMatch, AllStatusAndLabelsAsTheEngineFiltersThem) {
    runtime::ContainerQuery running;
    running.all = false;
    EXPECT_TRUE(matchesQuery(row("running"), running));
    EXPECT_TRUE(matchesQuery(row("paused"), running));
    EXPECT_TRUE(matchesQuery(row("restarting"), running));
    EXPECT_FALSE(matchesQuery(row("exited"), running));
    EXPECT_FALSE(matchesQuery(row("created"), running));
    runtime::ContainerQuery exited = running;
    exited.states = {"exited", "dead"};  // a status filter implies all
    EXPECT_TRUE(matchesQuery(row("exited"), exited));
    EXPECT_TRUE(matchesQuery(row("dead"), exited));
    EXPECT_FALSE(matchesQuery(row("running"), exited));
    runtime::ContainerQuery labelled;
    labelled.labels = {{"team", ""}, {"tier", "web"}};
    EXPECT_TRUE(matchesQuery(row("created", {{"team", ""}, {"tier", "web"}}), labelled));
    EXPECT_FALSE(matchesQuery(row("created", {{"tier", "web"}}), labelled));
    EXPECT_FALSE(matchesQuery(row("created", {{"team", "x"}, {"tier", "db"}}), labelled));
}

TEST(ContainerQueryMatch, NamesAndImagesAreLeftToTheEngine) {
    runtime::ContainerQuery q;
    EXPECT_TRUE(answerableFromList(q));
    q.names = {"web"};
    EXPECT_FALSE(answerableFromList(q));
    q.names.clear();
    q.images = {"busybox"};
    EXPECT_FALSE(answerableFromList(q));
}

}  // namespace
}  // namespace rivetr::containers
