// /system/df into docker's summary lines: layer-store total, what images in use hold, and what a prune could free.
#include <gtest/gtest.h>

#include "runtime/docker_json.hpp"

namespace rivetr::runtime {
namespace {

TEST(DiskUsage, CountsActiveObjectsAndWhatAPruneCouldFree) {
    auto df = Json::parse(R"({
      "LayersSize": 1000,
      "Images": [
        {"Id": "sha256:a", "Containers": 2, "Size": 600, "SharedSize": 100},
        {"Id": "sha256:b", "Containers": 0, "Size": 300, "SharedSize": 100},
        {"Id": "sha256:c", "Containers": 0, "Size": 200, "SharedSize": -1}
      ],
      "Containers": [
        {"Id": "1", "State": "running", "SizeRw": 10},
        {"Id": "2", "State": "exited", "SizeRw": 20},
        {"Id": "3", "State": "created", "SizeRw": -1}
      ],
      "Volumes": [
        {"Name": "v1", "UsageData": {"Size": 50, "RefCount": 1}},
        {"Name": "v2", "UsageData": {"Size": 70, "RefCount": 0}},
        {"Name": "v3", "UsageData": {"Size": -1, "RefCount": -1}}
      ],
      "BuildCache": [
        {"ID": "x", "Size": 5, "InUse": true, "Shared": false},
        {"ID": "y", "Size": 7, "InUse": false, "Shared": false},
        {"ID": "z", "Size": 9, "InUse": false, "Shared": true}
      ]
    })");
    DiskUsage u = parseDiskUsage(df);
    struct Line {
        const char* kind;
        const DiskUsageCategory& got;
        DiskUsageCategory want;  // total, active, sizeBytes, reclaimableBytes
    };
    const Line lines[] = {
        // The size is the layer store, not the sum of images that share layers; all but the 500 bytes
        // image a holds alone could be freed.
        {"images", u.images, {3, 1, 1000, 500}},
        {"containers", u.containers, {3, 1, 30, 20}},
        {"volumes", u.volumes, {3, 1, 120, 70}},  // an unmeasured volume (-1) counts as 0
        {"build cache", u.buildCache, {3, 1, 12, 7}},
    };
    for (const auto& line : lines) {
        SCOPED_TRACE(line.kind);
        EXPECT_EQ(line.got.total, line.want.total);
        EXPECT_EQ(line.got.active, line.want.active);
        EXPECT_EQ(line.got.sizeBytes, line.want.sizeBytes);
        EXPECT_EQ(line.got.reclaimableBytes, line.want.reclaimableBytes);
    }
}

TEST(DiskUsage, AnEmptyEngineOrNullListsIsAllZero) {
    DiskUsage u = parseDiskUsage(Json::parse(R"({"LayersSize":0,"Images":[],"Containers":[],"Volumes":[],"BuildCache":null})"));
    EXPECT_EQ(u.images.total + u.containers.total + u.volumes.total + u.buildCache.total, 0);
    EXPECT_EQ(u.images.reclaimableBytes, 0);
    EXPECT_EQ(parseDiskUsage(Json()).images.total, 0);
}

TEST(DiskUsage, EachVolumesSizeAndRefCountByNameUnknownWhereTheEngineDidNotMeasure) {
    auto usage = parseVolumeUsage(Json::parse(R"({"Volumes": [
        {"Name": "v1", "UsageData": {"Size": 50, "RefCount": 2}},
        {"Name": "v2", "UsageData": {"Size": -1, "RefCount": -1}},
        {"Name": "v3", "UsageData": null},
        {"Driver": "local"}
      ]})"));
    ASSERT_EQ(usage.size(), 3u);
    EXPECT_EQ(usage["v1"].sizeBytes, 50);
    EXPECT_EQ(usage["v1"].refCount, 2);
    EXPECT_EQ(usage["v2"].sizeBytes, -1);
    EXPECT_EQ(usage["v3"].refCount, -1);
    EXPECT_TRUE(parseVolumeUsage(Json()).empty());
}

}  // namespace
}  // namespace rivetr::runtime
