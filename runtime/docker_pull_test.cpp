// Pulls against a real registry (Debian's docker-registry on loopback): live progress, errors inside the stream, tags.
#include <algorithm>

#include "core/crypto.hpp"
#include "runtime/image_test_fixture.hpp"
#include "runtime/testing/fails_with.hpp"
#include "tests/fixtures/local_registry.hpp"

namespace rivetr::runtime {
namespace {

using testing::failsWith;
using testing::ImageTest;

class DockerPullTest : public ImageTest {
protected:
    explicit DockerPullTest(const std::string& htpasswd = "") : registry(htpasswd) {}

    // Builds an image, tags it into the registry, pushes it, and removes every local reference, so
    // a pull has to fetch all of it. Returns the image id.
    std::string publish(const std::string& tag) {
        std::string id = buildBusybox("");
        rt->tagImage(id, remoteRepo(), tag);
        test::pushThroughEngine(remoteRepo(), tag, pushAuth);
        rt->removeImage(id, true);
        EXPECT_THROW(rt->inspectImage(id), RuntimeError) << "gone locally before the pull";
        return id;
    }
    std::string remoteRepo() const { return registry.host() + "/" + repo(); }

    test::LocalRegistry registry;
    std::string pushAuth = "e30=";
};

// The registry asks for a password: the pull's X-Registry-Auth parameter is what gets through.
class DockerPrivatePullTest : public DockerPullTest {
protected:
    // bcrypt of "pull-secret-1" (cost 4, made once with Python's crypt): user "puller".
    DockerPrivatePullTest() : DockerPullTest("puller:$2b$04$QrcctJcX90zzAYV.KgqlmOtfbQmlVF6YWBbfgXL7TytgpBVyMbhEm\n") {
        pushAuth = authFor("puller", "pull-secret-1");
    }
    // X-Registry-Auth: base64url JSON, padded (the engine's decoder wants the padding).
    std::string authFor(const std::string& user, const std::string& password) const {
        std::string v = crypto::base64UrlEncode(R"({"username":")" + user + R"(","password":")" + password +
                                                R"(","serveraddress":")" + registry.host() + R"("})");
        while (v.size() % 4) v += '=';
        return v;
    }
};

bool any(const std::vector<PullProgress>& events, const std::function<bool(const PullProgress&)>& f) {
    return std::any_of(events.begin(), events.end(), f);
}

TEST_F(DockerPullTest, PullsFromARegistryReportingLiveProgress) {
    std::string id = publish("v1");
    std::vector<PullProgress> events;
    PullRequest req;
    req.image = remoteRepo() + ":v1";
    req.onProgress = [&](const PullProgress& p) { events.push_back(p); };
    PullResult r = rt->pullImage(req);

    EXPECT_EQ(r.imageId, id) << "the same image came back";
    EXPECT_EQ(r.reference, remoteRepo() + ":v1");
    EXPECT_EQ(r.digest.rfind("sha256:", 0), 0u) << r.digest;
    EXPECT_EQ(r.status, "Downloaded newer image for " + remoteRepo() + ":v1");
    ASSERT_FALSE(events.empty());
    EXPECT_EQ(events.front().status, "Pulling from " + repo());
    EXPECT_TRUE(any(events, [](const PullProgress& p) { return p.status == "Pulling fs layer" && !p.id.empty(); }));
    EXPECT_TRUE(any(events, [](const PullProgress& p) { return p.status == "Downloading" && p.current > 0 && p.total > 1'000'000; }))
        << "busybox's layer is downloaded with byte counts";
    auto complete = std::count_if(events.begin(), events.end(), [](const PullProgress& p) { return p.status == "Pull complete"; });
    EXPECT_EQ(complete, 2) << "both layers: the unique file and busybox";
    EXPECT_NE(events.back().status.find("Downloaded newer image"), std::string::npos);

    auto info = rt->inspectImage(remoteRepo() + ":v1");
    EXPECT_EQ(info.repoTags, std::vector<std::string>{remoteRepo() + ":v1"});
    ASSERT_EQ(info.repoDigests.size(), 1u);
    EXPECT_EQ(info.repoDigests[0], remoteRepo() + "@" + r.digest);

    // Pulling again is a no-op the engine says so about.
    events.clear();
    EXPECT_EQ(rt->pullImage(req).status, "Image is up to date for " + remoteRepo() + ":v1");
    EXPECT_FALSE(any(events, [](const PullProgress& p) { return p.status == "Downloading"; }));
}

TEST_F(DockerPullTest, AReferenceWithoutTagPullsLatestNeverEveryTag) {
    publish("v1");
    std::string latest = publish("latest");
    PullRequest req;
    req.image = remoteRepo();
    PullResult r = rt->pullImage(req);
    EXPECT_EQ(r.reference, remoteRepo() + ":latest");
    EXPECT_EQ(r.imageId, latest);
    EXPECT_THROW(rt->inspectImage(remoteRepo() + ":v1"), RuntimeError) << "v1 was not pulled along";

    // By digest: the engine records the digest, no tag.
    rt->removeImage(remoteRepo() + ":latest", true);
    req.image = remoteRepo() + "@" + r.digest;
    PullResult byDigest = rt->pullImage(req);
    EXPECT_EQ(byDigest.imageId, latest);
    EXPECT_TRUE(rt->inspectImage(latest).repoTags.empty());
}

TEST_F(DockerPullTest, ErrorsInsideTheStreamAreErrorsAndLeaveNoImage) {
    publish("v1");
    int progress = 0;
    PullRequest req;
    req.image = remoteRepo() + ":no-such-tag";
    req.onProgress = [&](const PullProgress&) { ++progress; };
    EXPECT_TRUE(failsWith([&] { rt->pullImage(req); }, ErrorKind::ImageNotFound, "no-such-tag")) << "a tag the registry lacks";
    EXPECT_THROW(rt->inspectImage(remoteRepo() + ":no-such-tag"), RuntimeError);

    req.image = "127.0.0.1:" + std::to_string(test::freePort()) + "/" + repo() + ":v1";
    EXPECT_TRUE(failsWith([&] { rt->pullImage(req); }, ErrorKind::EngineError, "connection refused"))
        << "a registry that does not answer";
}

TEST_F(DockerPullTest, BadReferencesNeverReachTheEngine) {
    // The rules themselves: image_reference_test.cpp.
    for (std::string bad : {"a b", "x:y:z/q"}) {
        PullRequest req;
        req.image = bad;
        EXPECT_TRUE(failsWith([&] { rt->pullImage(req); }, ErrorKind::InvalidArgument)) << bad;
    }
}

TEST_F(DockerPrivatePullTest, RegistryCredentialsTravelInTheRegistryAuthParameter) {
    std::string id = publish("v1");
    PullRequest req;
    req.image = remoteRepo() + ":v1";
    try {
        rt->pullImage(req);
        FAIL() << "the registry wants credentials";
    } catch (const RuntimeError& e) {
        EXPECT_NE(e.daemonMessage().find("no basic auth credentials"), std::string::npos) << e.daemonMessage();
    }
    req.registryAuth = authFor("puller", "wrong");
    EXPECT_THROW(rt->pullImage(req), RuntimeError);
    EXPECT_FALSE([&] {
        try {
            rt->inspectImage(id);
            return true;
        } catch (const RuntimeError&) {
            return false;
        }
    }());
    req.registryAuth = authFor("puller", "pull-secret-1");
    EXPECT_EQ(rt->pullImage(req).imageId, id);
}

}  // namespace
}  // namespace rivetr::runtime
