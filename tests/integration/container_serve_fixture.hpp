// A `rivetr serve` for the Docker manager's whole-binary tests: a test image built on the real dockerd, and every
// container the test labelled (made through the API, cloned or edited) removed afterwards with the image.
#pragma once

#include "core/ids.hpp"
#include "tests/fixtures/fixture_image.hpp"
#include "tests/integration/serve_fixture.hpp"

namespace rivetr::test {

class ContainerServeFixture : public ServeFixture {
protected:
    explicit ContainerServeFixture(const std::string& name) : ServeFixture(name, true), image("rivetr-test/" + name + ":" + run) {}

    void SetUp() override {
        ServeFixture::SetUp();
        writeTestserverContext(dir.path() / "img");
        runtime::BuildRequest b;
        b.contextDir = dir.path() / "img";
        b.tags = {image};
        b.labels = {{kRunLabel, run}};
        rt->build(b);
    }
    void TearDown() override {
        if (rt) {
            runtime::ContainerQuery mine;
            mine.labels = {{kRunLabel, run}};
            for (const auto& c : rt->queryContainers(mine)) swallow([&] { rt->removeContainer(c.id, {.force = true, .volumes = true}); });
            swallow([&] { rt->removeImage(image, true); });
        }
        ServeFixture::TearDown();
    }

    // A container of the test image made through the API (and started), labelled for cleanup; its name.
    std::string make(const std::string& suffix, const nlohmann::json& extra = nlohmann::json::object()) {
        std::string name = nameFor(suffix);
        nlohmann::json body = {{"name", name}, {"image", image}, {"labels", {{kRunLabel, run}}}};
        body.update(extra);
        auto r = call("POST", "/api/containers", body);
        EXPECT_EQ(r.status, 201) << r.body;
        return name;
    }
    std::string nameFor(const std::string& suffix) const { return "rvt-" + run.substr(4) + "-" + suffix; }

    static constexpr const char* kRunLabel = "rivetr_test.run";
    std::string run = newId("run");
    std::string image;
};

}  // namespace rivetr::test
