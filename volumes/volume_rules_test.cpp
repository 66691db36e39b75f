// Volume names, drivers, labels and driver options refused before any engine call, each naming its field.
#include "volumes/volume_rules.hpp"

#include <gtest/gtest.h>

#include "containers/container_error.hpp"

namespace rivetr::volumes {
namespace {

using containers::ContainerError;

// The field a spec is refused on ("" when it passes).
std::string refusedField(const runtime::VolumeSpec& spec) {
    try {
        checkVolumeSpec(spec);
        return "";
    } catch (const ContainerError& e) {
        EXPECT_EQ(e.status(), 400);
        return e.field();
    }
}

runtime::VolumeSpec named(std::string name) { return {std::move(name), "local", {}, {}}; }

TEST(VolumeRules, NamesFollowDockersRule) {
    for (const char* bad : {"x;touch /tmp/pwn", "", "a", "-lead", ".hidden", "../etc", "a/b", "sp ace", "tab\tbad", "$(id)", "x`id`"})
        EXPECT_EQ(refusedField(named(bad)), "name") << bad;
    EXPECT_EQ(refusedField(named(std::string(256, 'a'))), "name");
    for (const char* fine : {"db", "pg_data.v2-old", "0cache", "A1"}) EXPECT_EQ(refusedField(named(fine)), "") << fine;
}

TEST(VolumeRules, DriversLabelsAndOptionsNameTheirField) {
    auto spec = named("data");
    spec.driver = "local;rm";
    EXPECT_EQ(refusedField(spec), "driver");
    spec.driver = "vendor/plugin:1.2";
    EXPECT_EQ(refusedField(spec), "");
    spec.labels = {{"rivetr.app", "app_1"}};
    EXPECT_EQ(refusedField(spec), "labels.rivetr.app") << "an app's label is Rivetr's own";
    spec.labels = {{"team", "a\nb"}};
    EXPECT_EQ(refusedField(spec), "labels.team");
    spec.labels = {{"team", "ops"}};
    spec.driverOpts = {{"o;x", "bind"}};
    EXPECT_EQ(refusedField(spec), "driver_opts.o;x");
    spec.driverOpts = {{"o", std::string("a\0b", 3)}};
    EXPECT_EQ(refusedField(spec), "driver_opts.o");
    spec.driverOpts = {{"type", "tmpfs"}, {"device", "tmpfs"}, {"o", "size=100m,uid=1000"}};
    EXPECT_EQ(refusedField(spec), "");
}

}  // namespace
}  // namespace rivetr::volumes
