// Pull references: split into repository and tag (latest by default, digests kept), and what is refused before any engine call.
#include "runtime/image_reference.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "runtime/runtime_error.hpp"

namespace rivetr::runtime {
namespace {

TEST(PullReference, SplitsRepositoryAndTagWithLatestByDefault) {
    auto plain = parsePullReference("busybox");
    EXPECT_EQ(plain.repository, "busybox");
    EXPECT_EQ(plain.tag, "latest") << "never empty: the engine pulls every tag for an empty one";
    EXPECT_EQ(plain.str(), "busybox:latest");
    auto tagged = parsePullReference("127.0.0.1:5000/team/app:v1.2");
    EXPECT_EQ(tagged.repository, "127.0.0.1:5000/team/app");
    EXPECT_EQ(tagged.tag, "v1.2");
    auto portOnly = parsePullReference("127.0.0.1:5000/team/app");
    EXPECT_EQ(portOnly.repository, "127.0.0.1:5000/team/app") << "a registry's port is not a tag";
    EXPECT_EQ(portOnly.tag, "latest");
    auto digest = parsePullReference("reg.example:443/app@sha256:abc123");
    EXPECT_EQ(digest.repository, "reg.example:443/app");
    EXPECT_TRUE(digest.byDigest());
    EXPECT_EQ(digest.str(), "reg.example:443/app@sha256:abc123");
}

TEST(PullReference, RefusesWhatNoRegistryHolds) {
    for (const std::string& bad : std::vector<std::string>{"", "-x", "a b", "a/../b", "x:y:z/q", "repo:tag with space", "repo@sha1:abc", "repo:a/b",
                            "host:1/x:y:z", "repo:", "@sha256:x", "a\nb", std::string(300, 'a')}) {
        try {
            parsePullReference(bad);
            ADD_FAILURE() << "accepted '" << bad << "'";
        } catch (const RuntimeError& e) {
            EXPECT_EQ(e.kind(), ErrorKind::InvalidArgument) << bad;
        }
    }
}

}  // namespace
}  // namespace rivetr::runtime
