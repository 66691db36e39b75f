// The shared aggregation: one host or every host at once, an unreachable one reported and never failing or serialising the others.
#include "hosts/host_fanout.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

namespace rivetr::hosts {
namespace {

using namespace std::chrono_literals;

// Hosts named by what they do when asked: "slow-*" answer after 400 ms, "down-*" throw.
class ScriptedDirectory : public HostDirectory {
public:
    std::shared_ptr<runtime::ContainerRuntime> runtimeFor(const std::string& id) override {
        if (id.rfind("down", 0) == 0) throw runtime::RuntimeError(runtime::ErrorKind::DaemonUnavailable, id + " does not answer");
        if (id.rfind("slow", 0) == 0) std::this_thread::sleep_for(400ms);
        if (id != kLocalHost && id.rfind("slow", 0) != 0) throw HostNotFound(id);
        return nullptr;
    }
    std::vector<HostState> hosts() override {
        std::vector<HostState> out;
        for (const auto* id : {"local", "down-a", "slow-a", "slow-b"}) out.push_back({id, id, "tcp", true, 0, "", ""});
        return out;
    }
};

std::string askedOf(HostDirectory& dir, const std::string& id) {
    dir.runtimeFor(id);
    return "answer of " + id;
}

TEST(HostFanoutTest, EveryHostIsAskedAtOnceAndAnUnreachableOneIsReportedBesideTheOthers) {
    ScriptedDirectory dir;
    auto start = std::chrono::steady_clock::now();
    auto all = askHosts(dir, kEveryHost, [&](const std::string& id) { return askedOf(dir, id); });
    auto took = std::chrono::steady_clock::now() - start;
    ASSERT_EQ(all.answers.size(), 3u);
    EXPECT_EQ(all.answers[0], (std::pair<std::string, std::string>{"local", "answer of local"}));
    EXPECT_EQ(all.answers[1].first, "slow-a");
    EXPECT_EQ(all.answers[2].first, "slow-b");
    ASSERT_EQ(all.unreachable.size(), 1u);
    EXPECT_EQ(all.unreachable[0].host, "down-a");
    EXPECT_NE(all.unreachable[0].error.find("down-a does not answer"), std::string::npos) << all.unreachable[0].error;
    EXPECT_LT(took, 700ms) << "two slow hosts asked one after the other would take 800 ms";
}

TEST(HostFanoutTest, OneHostIsAskedAloneAndItsFailureIsTheCallersToAnswer) {
    ScriptedDirectory dir;
    std::vector<std::string> asked;
    auto local = askHosts(dir, "", [&](const std::string& id) { asked.push_back(id); return 1; });
    ASSERT_EQ(local.answers.size(), 1u);
    EXPECT_EQ(local.answers[0].first, "local");
    EXPECT_EQ(asked, std::vector<std::string>{"local"});
    EXPECT_THROW(askHosts(dir, "down-a", [&](const std::string& id) { return askedOf(dir, id); }), runtime::RuntimeError);
    EXPECT_THROW(askHosts(dir, "nowhere", [&](const std::string& id) { return askedOf(dir, id); }), HostNotFound);
}

}  // namespace
}  // namespace rivetr::hosts
