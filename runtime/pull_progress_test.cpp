// The pull progress reader on recorded engine lines: events in order, the digest, and errors inside the stream.
#include "runtime/pull_progress.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "runtime/ndjson_splitter.hpp"
#include "runtime/runtime_error.hpp"

namespace rivetr::runtime {
namespace {

// What dockerd 20.10 wrote for a one-layer pull from a local registry, cut at arbitrary points.
const char* kRecordedPull =
    "{\"status\":\"Pulling from rivetr-test/busybox\",\"id\":\"v1\"}\r\n"
    "{\"status\":\"Pulling fs layer\",\"progressDetail\":{},\"id\":\"5d1c7e2a3b4f\"}\r\n"
    "{\"status\":\"Downloading\",\"progressDetail\":{\"current\":32768,\"total\":1002345},\"progress\":\"[=> ]\",\"id\":\"5d1c7e2a3b4f\"}\r\n"
    "{\"status\":\"Download complete\",\"progressDetail\":{},\"id\":\"5d1c7e2a3b4f\"}\r\n"
    "{\"status\":\"Extracting\",\"progressDetail\":{\"current\":1002345,\"total\":1002345},\"id\":\"5d1c7e2a3b4f\"}\r\n"
    "{\"status\":\"Pull complete\",\"progressDetail\":{},\"id\":\"5d1c7e2a3b4f\"}\r\n"
    "{\"status\":\"Digest: sha256:9f2a\"}\r\n"
    "{\"status\":\"Status: Downloaded newer image for 127.0.0.1:5000/rivetr-test/busybox:v1\"}\r\n";

TEST(PullProgressReader, ReportsEveryLineInOrderWithByteCountsDigestAndStatus) {
    std::vector<PullProgress> seen;
    PullProgressReader reader([&](const PullProgress& p) { seen.push_back(p); });
    NdjsonSplitter splitter;
    std::string all = kRecordedPull;
    for (std::size_t i = 0; i < all.size(); i += 7) splitter.feed(std::string_view(all).substr(i, 7), [&](auto l) { reader.line(l); });
    splitter.finish([&](auto l) { reader.line(l); });

    ASSERT_EQ(seen.size(), 8u);
    EXPECT_EQ(seen[0].status, "Pulling from rivetr-test/busybox");
    EXPECT_EQ(seen[2].status, "Downloading");
    EXPECT_EQ(seen[2].id, "5d1c7e2a3b4f");
    EXPECT_EQ(seen[2].current, 32768);
    EXPECT_EQ(seen[2].total, 1002345);
    EXPECT_EQ(seen[5].status, "Pull complete");
    EXPECT_EQ(reader.digest(), "sha256:9f2a");
    EXPECT_EQ(reader.lastStatus(), "Downloaded newer image for 127.0.0.1:5000/rivetr-test/busybox:v1");
    EXPECT_TRUE(reader.error().empty());
    EXPECT_EQ(reader.events(), 8);
}

TEST(PullProgressReader, AnErrorLineIsKeptNotReportedAsProgress) {
    int progress = 0;
    PullProgressReader reader([&](const PullProgress&) { ++progress; });
    reader.line(R"({"status":"Pulling from x/y","id":"v9"})");
    reader.line(R"({"errorDetail":{"message":"manifest for 127.0.0.1:5000/x/y:v9 not found: manifest unknown"},"error":"short"})");
    EXPECT_EQ(progress, 1);
    EXPECT_EQ(reader.error(), "manifest for 127.0.0.1:5000/x/y:v9 not found: manifest unknown") << "errorDetail's fuller message wins";

    PullProgressReader bare(nullptr);
    bare.line(R"({"error":"Get \"https://10.9.9.9/v2/\": dial tcp: i/o timeout"})");
    EXPECT_EQ(bare.error(), "Get \"https://10.9.9.9/v2/\": dial tcp: i/o timeout");
    PullProgressReader empty(nullptr);
    empty.line(R"({"error":""})");
    EXPECT_FALSE(empty.error().empty()) << "an error line without words is still a failed pull";
}

TEST(PullProgressReader, GarbageLinesAreIgnored) {
    PullProgressReader reader(nullptr);
    reader.line("not json");
    reader.line("[1,2]");
    EXPECT_EQ(reader.events(), 0);
    EXPECT_TRUE(reader.error().empty());
}

TEST(PullError, MissingImagesAreImageNotFoundOthersEngineErrors) {
    EXPECT_EQ(pullError("manifest for a:b not found: manifest unknown: manifest unknown").kind(), ErrorKind::ImageNotFound);
    EXPECT_EQ(pullError("repository a does not exist or may require 'docker login'").kind(), ErrorKind::ImageNotFound);
    auto other = pullError("Get \"http://127.0.0.1:1/v2/\": connection refused");
    EXPECT_EQ(other.kind(), ErrorKind::EngineError);
    EXPECT_EQ(other.daemonMessage(), "Get \"http://127.0.0.1:1/v2/\": connection refused");
}

}  // namespace
}  // namespace rivetr::runtime
