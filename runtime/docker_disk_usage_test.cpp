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
    EXPECT_EQ(u.images.total, 3);
    EXPECT_EQ(u.images.active, 1);
    EXPECT_EQ(u.images.sizeBytes, 1000) << "the layer store, not the sum of images that share layers";
    EXPECT_EQ(u.images.reclaimableBytes, 500) << "all but the 500 bytes image a holds alone";
    EXPECT_EQ(u.containers.total, 3);
    EXPECT_EQ(u.containers.active, 1);
    EXPECT_EQ(u.containers.sizeBytes, 30);
    EXPECT_EQ(u.containers.reclaimableBytes, 20);
    EXPECT_EQ(u.volumes.total, 3);
    EXPECT_EQ(u.volumes.active, 1);
    EXPECT_EQ(u.volumes.sizeBytes, 120) << "an unmeasured volume (-1) counts as 0";
    EXPECT_EQ(u.volumes.reclaimableBytes, 70);
    EXPECT_EQ(u.buildCache.total, 3);
    EXPECT_EQ(u.buildCache.active, 1);
    EXPECT_EQ(u.buildCache.sizeBytes, 12);
    EXPECT_EQ(u.buildCache.reclaimableBytes, 7);
}

TEST(DiskUsage, AnEmptyEngineOrNullListsIsAllZero) {
    DiskUsage u = parseDiskUsage(Json::parse(R"({"LayersSize":0,"Images":[],"Containers":[],"Volumes":[],"BuildCache":null})"));
    EXPECT_EQ(u.images.total + u.containers.total + u.volumes.total + u.buildCache.total, 0);
    EXPECT_EQ(u.images.reclaimableBytes, 0);
    EXPECT_EQ(parseDiskUsage(Json()).images.total, 0);
}

}  // namespace
}  // namespace rivetr::runtime
