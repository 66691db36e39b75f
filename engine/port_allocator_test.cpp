// Host ports Rivetr assigns: never one a Rivetr container holds, one reserved in flight, or one bound now.
#include "engine/port_allocator.hpp"

#include <gtest/gtest.h>

#include "engine/testing/loopback_listener.hpp"
#include "runtime/naming.hpp"

namespace rivetr::engine {
namespace {

// A range of `n` ports starting at a port nothing listens on.
PortRange freeRange(int n) {
    for (int first = 21000; first < 29000; first += 50) {
        bool ok = true;
        for (int p = first; p < first + n && ok; ++p) ok = !portBusy(p);
        if (ok) return {first, first + n - 1};
    }
    throw std::runtime_error("no free range");
}

TEST(PortAllocator, SkipsHeldReservedAndBoundPorts) {
    auto range = freeRange(4);
    PortAllocator ports(range);
    testing::LoopbackListener bound(range.first + 2);
    std::set<int> held{range.first + 1};
    auto a = ports.reserve(held);
    auto b = ports.reserve(held);
    EXPECT_NE(a.port(), b.port());
    for (int p : {a.port(), b.port()}) {
        EXPECT_TRUE(p == range.first || p == range.last) << p;
    }
    EXPECT_THROW(ports.reserve(held), std::runtime_error) << "the range is full";
}

TEST(PortAllocator, AReleasedPortIsTheLastToBeGivenAgain) {
    auto range = freeRange(3);
    PortAllocator ports(range);
    int first;
    {
        auto r = ports.reserve({});
        first = r.port();
    }
    auto second = ports.reserve({});
    auto third = ports.reserve({});
    auto fourth = ports.reserve({});
    EXPECT_NE(second.port(), first);
    EXPECT_NE(third.port(), first);
    EXPECT_EQ(fourth.port(), first);
}

TEST(PortAllocator, PortsAreReadFromTheContainersLabel) {
    std::vector<runtime::ContainerSummary> list(3);
    list[0].labels[runtime::kHostPortLabel] = "20001";
    list[1].labels[runtime::kHostPortLabel] = "junk";
    EXPECT_EQ(labelledHostPorts(list), std::set<int>{20001});
}

TEST(PortRangeConfig, RejectsWhatIsNotARange) {
    EXPECT_EQ(parsePortRange("20000-29999").first, 20000);
    for (const char* bad : {"20000", "29999-20000", "80-90", "20000-70000", "a-b", "20000-"}) {
        EXPECT_THROW(parsePortRange(bad), std::invalid_argument) << bad;
    }
}

}  // namespace
}  // namespace rivetr::engine
