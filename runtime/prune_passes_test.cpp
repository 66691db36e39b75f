// Images removed one by one: a parent listed before its child still goes once the child is gone.
#include "runtime/prune_passes.hpp"

#include <gtest/gtest.h>

#include <map>
#include <set>

namespace rivetr::runtime {
namespace {

ImageInfo image(const std::string& id, std::int64_t size) {
    ImageInfo i;
    i.id = id;
    i.sizeBytes = size;
    return i;
}

// The engine as Podman behaves: an image refuses removal while an image built on it exists.
struct Engine {
    std::map<std::string, std::string> parentOf;  // child -> parent
    std::set<std::string> present;
    std::set<std::string> inUse;
    bool remove(const ImageInfo& i) {
        if (inUse.count(i.id)) return false;
        for (const auto& [child, parent] : parentOf)
            if (parent == i.id && present.count(child)) return false;
        present.erase(i.id);
        return true;
    }
};

TEST(RemoveInPasses, AParentListedBeforeItsChildIsRemovedToo) {
    Engine e{{{"child", "parent"}}, {"parent", "child"}, {}};
    auto r = removeInPasses({image("parent", 10), image("child", 5)}, [&](const ImageInfo& i) { return e.remove(i); });
    EXPECT_EQ(r.deleted, (std::vector<std::string>{"child", "parent"}));
    EXPECT_EQ(r.spaceReclaimedBytes, 15u);
    EXPECT_TRUE(e.present.empty());
}

TEST(RemoveInPasses, AnImageInUseAndItsParentStayWithoutEndlessPasses) {
    Engine e{{{"child", "parent"}}, {"parent", "child", "loose"}, {"child"}};
    int calls = 0;
    auto r = removeInPasses({image("parent", 10), image("child", 5), image("loose", 1)}, [&](const ImageInfo& i) {
        ++calls;
        return e.remove(i);
    });
    EXPECT_EQ(r.deleted, (std::vector<std::string>{"loose"}));
    EXPECT_EQ(e.present, (std::set<std::string>{"parent", "child"}));
    EXPECT_EQ(calls, 5);  // one pass of three, one more of the two refused, then no progress: stop
}

}  // namespace
}  // namespace rivetr::runtime
