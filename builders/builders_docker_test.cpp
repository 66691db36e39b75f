// End to end on the real dockerd: a repository fetched by the git Source, planned by the dockerfile and
// static builders, built and run through the ContainerRuntime, answers HTTP with the repository's content.
#include <gtest/gtest.h>

#include "builders/registry.hpp"
#include "core/git/git_test_repo.hpp"
#include "core/git/source.hpp"
#include "core/ids.hpp"
#include "runtime/container_runtime.hpp"
#include "runtime/naming.hpp"
#include "tests/support/test_support.hpp"

namespace rivetr::builders {
namespace {

using rivetr::test::TempDir;
using rivetr::test::writeFile;

class BuildersDockerTest : public ::testing::Test {
protected:
    void SetUp() override {
        RIVETR_REQUIRE_DOCKER();
        runtime::RuntimeOptions o;
        o.runtimeType = "docker";
        o.dockerSocket = rivetr::test::dockerSocket();
        rt = runtime::connectRuntime(o);
        std::filesystem::copy_file("/bin/busybox", upstream.dir() / "busybox");
    }
    void TearDown() override {
        if (!rt) return;
        auto mine = runtime::rivetrFilter(app);
        for (const auto& c : rt->listContainers(mine)) ignore([&] { rt->removeContainer(c.id, {.force = true}); });
        for (const auto& i : rt->listImages(mine)) ignore([&] { rt->removeImage(i.id, true); });
    }
    template <typename F>
    static void ignore(F f) {
        try {
            f();
        } catch (const std::exception&) {
        }
    }

    git::Checkout fetch() {
        git::FetchRequest r;
        r.appId = app;
        r.url = upstream.url();
        r.ref = "main";
        return source->checkout(r);
    }
    AppBuildSpec spec() {
        AppBuildSpec s;
        s.appId = app;
        s.image = runtime::imageRef(app, dep);
        s.labels = runtime::rivetrLabels(app, dep);
        s.port = 8000;
        return s;
    }
    // Builds the plan's image as the engine will, runs it on a free loopback port, returns the base URL.
    std::string buildAndRun(const BuildPlan& plan) {
        writeGeneratedDockerfile(plan);
        runtime::BuildRequest b;
        b.contextDir = plan.contextDir;
        b.dockerfile = plan.dockerfile;
        b.buildArgs = plan.buildArgs;
        b.target = plan.target;
        b.labels = plan.labels;
        b.tags = {runtime::imageRef(app, dep)};
        rt->build(b);
        int port = rivetr::test::freePort();
        runtime::ContainerSpec c;
        c.name = runtime::containerName(app, dep);
        c.image = runtime::imageRef(app, dep);
        c.labels = runtime::rivetrLabels(app, dep);
        c.ports = {{8000, port, "tcp"}};
        rt->runContainer(c);
        return "http://127.0.0.1:" + std::to_string(port);
    }

    std::unique_ptr<runtime::ContainerRuntime> rt;
    std::string app = newId("app");
    std::string dep = newId("dep");
    TempDir tmp{"rivetr-builders-docker"};
    git::test::TestRepo upstream{tmp / "upstream"};
    std::unique_ptr<git::Source> source = git::test::sourceAt(tmp / "data");
};

TEST_F(BuildersDockerTest, DockerfileRepositoryIsBuiltRunAndServesItsContent) {
    writeFile(upstream.dir() / "Dockerfile",
              "FROM scratch AS base\n"
              "COPY busybox /bin/busybox\n"
              "COPY www/ /www/\n"
              "FROM base AS final\n"
              "ARG GREETING=unset\n"
              "RUN [\"/bin/busybox\", \"sh\", \"-c\", \"echo $GREETING > /www/greeting.txt\"]\n"
              "CMD [\"/bin/busybox\", \"httpd\", \"-f\", \"-p\", \"8000\", \"-h\", \"/www\"]\n"
              "FROM base AS other\n"
              "CMD [\"/bin/busybox\", \"false\"]\n");
    writeFile(upstream.dir() / "www/index.html", "<h1>from the repository</h1>\n");
    upstream.commit("app with a Dockerfile");
    auto checkout = fetch();

    BuilderRegistry registry({});
    EXPECT_EQ(registry.detect(checkout.dir.path()).builder, "dockerfile");
    auto s = spec();
    s.target = "final";
    s.buildEnv = {{"GREETING", "hello-build-arg"}};
    auto url = buildAndRun(registry.plan(checkout.dir.path(), s, "auto"));

    ASSERT_TRUE(rivetr::test::waitForHttp(url + "/"));
    EXPECT_EQ(rivetr::test::httpGet(url + "/").body, "<h1>from the repository</h1>\n");
    EXPECT_EQ(rivetr::test::httpGet(url + "/greeting.txt").body, "hello-build-arg\n") << "build arg and target";
}

TEST_F(BuildersDockerTest, StaticSiteIsServedFromAGeneratedDockerfile) {
    // The base image stands in for busybox:stable (no registry here): busybox-static, applets on PATH.
    std::string base = "rivetr-test-static-base:" + app;
    TempDir baseCtx;
    std::filesystem::copy_file("/bin/busybox", baseCtx / "busybox");
    writeFile(baseCtx / "Dockerfile",
              "FROM scratch\nCOPY busybox /bin/busybox\nRUN [\"/bin/busybox\", \"--install\", \"-s\", \"/bin\"]\n");
    runtime::BuildRequest b;
    b.contextDir = baseCtx.path();
    b.tags = {base};
    b.labels = runtime::rivetrLabels(app, "base");
    rt->build(b);

    std::filesystem::remove(upstream.dir() / "busybox");
    writeFile(upstream.dir() / "public/index.html", "<h1>static site</h1>\n");
    writeFile(upstream.dir() / "public/css/site.css", "body{}\n");
    writeFile(upstream.dir() / "README.md", "docs\n");
    upstream.commit("static site");
    auto checkout = fetch();

    BuildersOptions o;
    o.staticSite.baseImage = base;
    BuilderRegistry registry(o);
    auto plan = registry.plan(checkout.dir.path(), spec(), "auto");
    EXPECT_EQ(plan.builder, "static");
    auto url = buildAndRun(plan);

    ASSERT_TRUE(rivetr::test::waitForHttp(url + "/"));
    EXPECT_EQ(rivetr::test::httpGet(url + "/").body, "<h1>static site</h1>\n");
    EXPECT_EQ(rivetr::test::httpGet(url + "/css/site.css").body, "body{}\n");
    EXPECT_EQ(rivetr::test::httpGet(url + "/README.md").status, 404) << "only the publish directory is served";
}

}  // namespace
}  // namespace rivetr::builders
