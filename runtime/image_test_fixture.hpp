// Shared set-up for tests of the Docker manager's image operations: FROM-scratch busybox images with a
// unique first layer, labelled with the test's owner label only (never rivetr.managed, so they count as
// images Rivetr did not build), removed with their containers when the test ends.
#pragma once

#include "runtime/runtime_test_fixture.hpp"

namespace rivetr::runtime::testing {

class ImageTest : public RuntimeTest {
protected:
    static constexpr const char* kOwnerLabel = "rivetr.test.owner";

    void TearDown() override {
        if (rt) {
            LabelFilter mine{{kOwnerLabel, app}};
            for (const auto& c : rt->listContainers(mine)) swallow([&] { rt->removeContainer(c.id, {.force = true, .volumes = true}); });
            for (const auto& i : rt->listImages(mine)) swallow([&] { rt->removeImage(i.id, true); });
        }
        RuntimeTest::TearDown();
    }

    // Builds FROM scratch: a file unique to this test and image (so no layer is shared with any other
    // image on the engine), then busybox. `tag` empty: the image is dangling from the start.
    std::string buildBusybox(const std::string& tag, const Labels& extra = {}) {
        auto dir = ctx.path() / ("img" + std::to_string(++built_));
        std::filesystem::create_directories(dir);
        test::writeFile(dir / "unique", app + "/" + std::to_string(built_) + "\n");
        std::filesystem::copy_file("/bin/busybox", dir / "busybox");
        test::writeFile(dir / "Dockerfile", "FROM scratch\nCOPY unique /unique\nCOPY busybox /bin/busybox\n");
        BuildRequest b;
        b.contextDir = dir;
        if (!tag.empty()) b.tags = {tag};
        b.labels = extra;
        b.labels[kOwnerLabel] = app;
        return rt->build(b).imageId;
    }

    // A repository name of this test: "rivetr-test-images/<app>".
    std::string repo() const { return "rivetr-test-images/" + app; }

    // A container of this test from `image`; created, or running busybox sleep when `run`.
    std::string containerFrom(const std::string& image, bool run) {
        ContainerSpec s;
        s.name = "rivetr-test-img-" + app + "-" + std::to_string(++containers_);
        s.image = image;
        s.labels = {{kOwnerLabel, app}};
        s.entrypoint = {"/bin/busybox", "sleep", "60"};
        return run ? rt->runContainer(s) : rt->createContainer(s);
    }

    const ImageInfo* find(const std::vector<ImageInfo>& list, const std::string& id) {
        for (const auto& i : list)
            if (i.id == id) return &i;
        return nullptr;
    }

private:
    int built_ = 0, containers_ = 0;
};

}  // namespace rivetr::runtime::testing
