// Stacks against the real engine: compose's names and labels, idempotent redeploys by container id, health-gated dependencies, failures that keep the previous version, down, and recovery of a replace a crash interrupted.
#include <gtest/gtest.h>

#include <random>
#include <set>

#include "runtime/container_runtime.hpp"
#include "runtime/testing/swallow.hpp"
#include "stacks/compose_labels.hpp"
#include "stacks/compose_loader.hpp"
#include "stacks/stack_deployer.hpp"
#include "tests/fixtures/fixture_image.hpp"
#include "tests/support/test_support.hpp"

namespace rivetr::stacks {
namespace {

using runtime::testing::swallow;

// busybox FROM scratch: "box" sleeps; "healthy" and "unhealthy" add a HEALTHCHECK that passes or fails.
class StacksDocker : public ::testing::Test {
protected:
    static inline std::unique_ptr<runtime::ContainerRuntime> rt;
    static inline std::string tag;

    static void SetUpTestSuite() {
        if (!std::filesystem::exists(test::dockerSocket())) return;
        runtime::RuntimeOptions o;
        o.runtimeType = "docker";
        o.dockerSocket = test::dockerSocket();
        rt = runtime::connectRuntime(o);
        tag = std::to_string(std::random_device{}() % 1000000);
        buildBox("box", "");
        buildBox("healthy", "HEALTHCHECK --interval=1s --timeout=1s --retries=3 CMD [\"/bin/true\"]\n");
        buildBox("unhealthy", "HEALTHCHECK --interval=1s --timeout=1s --retries=1 CMD [\"/bin/false\"]\n");
    }

    static void TearDownTestSuite() {
        for (const char* kind : {"box", "healthy", "unhealthy"}) swallow([&] { rt->removeImage(image(kind), true); });
        rt.reset();
    }

    static std::string image(const std::string& kind) { return "rivetr-stacktest/" + kind + ":" + tag; }

    static void buildBox(const std::string& kind, const std::string& health) {
        test::TempDir ctx("rivetr-stack-image");
        test::writeBusyboxContext(ctx.path(), "RUN [\"/bin/busybox\", \"--install\", \"-s\", \"/bin\"]\n" + health +
                                                  "CMD [\"sleep\", \"3600\"]\n");
        runtime::BuildRequest b;
        b.contextDir = ctx.path();
        b.tags = {image(kind)};
        rt->build(b);
    }

    void SetUp() override {
        RIVETR_REQUIRE_DOCKER();
        project = "st" + std::to_string(std::random_device{}() % 100000000);
    }

    void TearDown() override {
        if (!rt) return;
        swallow([&] { StackDeployer(*rt).down(project, true, std::chrono::seconds(0)); });
    }

    ComposeProject load(const std::string& text) {
        ComposeSource s;
        s.text = text;
        s.directory = dir.path();
        s.projectName = project;
        s.variables = [this](std::string_view name) -> std::optional<std::string> {
            if (name == "BOX") return image("box");
            if (name == "HEALTHY") return image("healthy");
            if (name == "UNHEALTHY") return image("unhealthy");
            return std::nullopt;
        };
        return loadCompose(s);
    }

    DeployResult deploy(const std::string& text, DeployOptions options = {}) {
        options.stopGrace = std::chrono::seconds(1);
        options.readyTimeout = std::chrono::seconds(20);
        return StackDeployer(*rt).deploy(load(text), options);
    }

    std::map<std::string, runtime::ContainerSummary> containers() {
        std::map<std::string, runtime::ContainerSummary> out;
        for (auto& c : rt->queryContainers(labels::projectQuery(project))) out[c.names.empty() ? c.name : c.names.front()] = c;
        return out;
    }

    static std::map<std::string, std::string> outcomes(const DeployResult& r) {
        std::map<std::string, std::string> out;
        for (const auto& s : r.services) out[s.service] = outcomeName(s.outcome);
        return out;
    }

    test::TempDir dir{"rivetr-stack"};
    std::string project;
};

const char* kTwo = R"(services:
  web:
    image: ${BOX}
    init: true
    environment: {GREETING: hello}
    depends_on:
      db: {condition: service_started, restart: true}
    volumes: [data:/data]
  db:
    image: ${BOX}
    init: true
    environment: {DB_VERSION: "1"}
  other:
    image: ${BOX}
    init: true
volumes:
  data: {}
)";

TEST_F(StacksDocker, ADeployCarriesComposeV2NamesAndLabelsOnContainersNetworksAndVolumes) {
    deploy(kTwo);
    auto all = containers();
    ASSERT_TRUE(all.count(project + "-web-1")) << "compose v2 names containers <project>-<service>-<n>";
    const auto& web = all[project + "-web-1"];
    EXPECT_EQ(web.state, "running");
    std::set<std::string> keys;
    for (const auto& [k, v] : web.labels) keys.insert(k);
    std::set<std::string> compose = {labels::kProject, labels::kService, labels::kContainerNumber, labels::kOneoff, labels::kWorkingDir,
                                     labels::kConfigFiles, labels::kConfigHash, labels::kDependsOn, labels::kImage, labels::kVersion};
    EXPECT_EQ(keys, compose);
    EXPECT_EQ(web.labels.at(labels::kConfigFiles), (dir.path() / "compose.yaml").string());
    EXPECT_EQ(web.labels.at(labels::kDependsOn), "db:service_started:true");
    EXPECT_EQ(web.labels.at(labels::kImage), rt->inspectImage(image("box")).id);

    auto network = rt->inspectNetwork(project + "_default");
    EXPECT_EQ(network.labels, (runtime::Labels{{labels::kNetwork, "default"}, {labels::kProject, project}, {labels::kVersion, labels::kComposeVersion}}));
    auto volume = rt->inspectVolume(project + "_data");
    EXPECT_EQ(volume.labels, (runtime::Labels{{labels::kProject, project}, {labels::kVersion, labels::kComposeVersion}, {labels::kVolume, "data"}}));
    auto inspect = rt->inspectContainerJson(web.id);
    EXPECT_EQ(inspect["NetworkSettings"]["Networks"][project + "_default"]["Aliases"][0], "web");
}

TEST_F(StacksDocker, AnUnchangedRedeployRecreatesNoContainer) {
    deploy(kTwo);
    auto before = containers();
    DeployResult again = deploy(kTwo);
    auto after = containers();
    ASSERT_EQ(before.size(), 3u);
    for (const auto& [name, c] : before) EXPECT_EQ(after.at(name).id, c.id) << name << " was recreated";
    EXPECT_EQ(outcomes(again), (std::map<std::string, std::string>{{"web", "unchanged"}, {"db", "unchanged"}, {"other", "unchanged"}}));
}

TEST_F(StacksDocker, ChangingOneServiceRecreatesOnlyItAndRestartsItsRestartTrueDependents) {
    deploy(kTwo);
    auto before = containers();
    std::string changed = kTwo;
    changed.replace(changed.find("DB_VERSION: \"1\""), 15, "DB_VERSION: \"2\"");
    DeployResult r = deploy(changed);
    auto after = containers();
    EXPECT_NE(after.at(project + "-db-1").id, before.at(project + "-db-1").id);
    EXPECT_EQ(after.at(project + "-web-1").id, before.at(project + "-web-1").id);
    EXPECT_EQ(after.at(project + "-other-1").id, before.at(project + "-other-1").id);
    EXPECT_EQ(outcomes(r), (std::map<std::string, std::string>{{"web", "restarted"}, {"db", "recreated"}, {"other", "unchanged"}}));
    EXPECT_EQ(after.size(), 3u) << "the replaced container is gone";
}

TEST_F(StacksDocker, ADependentOfAnUnhealthyServiceIsNeverStarted) {
    const char* file = R"(services:
  api:
    image: ${BOX}
    depends_on:
      db: {condition: service_healthy}
  db:
    image: ${UNHEALTHY}
    init: true
)";
    try {
        deploy(file);
        FAIL() << "the deploy went on past an unhealthy dependency";
    } catch (const StackDeployFailed& e) {
        EXPECT_EQ(e.service(), "db") << e.what();
        EXPECT_NE(std::string(e.what()).find("unhealthy"), std::string::npos) << e.what();
    }
    EXPECT_FALSE(containers().count(project + "-api-1")) << "api was created although db never became healthy";
}

TEST_F(StacksDocker, AHealthyDependencyLetsItsDependentStart) {
    const char* file = R"(services:
  api:
    image: ${BOX}
    init: true
    depends_on:
      db: {condition: service_healthy}
  db:
    image: ${HEALTHY}
    init: true
)";
    DeployResult r = deploy(file);
    auto all = containers();
    EXPECT_EQ(rt->inspectContainer(all.at(project + "-db-1").id).state.health, "healthy");
    EXPECT_EQ(all.at(project + "-api-1").state, "running");
    EXPECT_EQ(r.services.back().service, "api");
}

TEST_F(StacksDocker, HealthyWithoutAnyHealthcheckIsRefusedBeforeAnythingIsCreated) {
    const char* file = "services:\n  api:\n    image: ${BOX}\n    depends_on:\n      db: {condition: service_healthy}\n  db:\n    image: ${BOX}\n";
    EXPECT_THROW(deploy(file), StackDeployFailed);
    EXPECT_TRUE(containers().empty());
    EXPECT_TRUE(rt->listNetworks({{labels::kProject, project}}).empty());
}

TEST_F(StacksDocker, AServiceThatTurnsUnhealthyKeepsItsPreviousVersionRunning) {
    deploy("services:\n  web:\n    image: ${HEALTHY}\n    init: true\n");
    std::string before = containers().at(project + "-web-1").id;
    EXPECT_THROW(deploy("services:\n  web:\n    image: ${UNHEALTHY}\n    init: true\n"), StackDeployFailed);
    auto after = containers();
    ASSERT_EQ(after.size(), 1u) << "the failed replacement was not removed";
    EXPECT_EQ(after.at(project + "-web-1").id, before);
    EXPECT_EQ(after.at(project + "-web-1").state, "running");
}

TEST_F(StacksDocker, APullFailureLeavesTheRunningServicesUntouched) {
    deploy("services:\n  web:\n    image: ${BOX}\n    init: true\n");
    std::string before = containers().at(project + "-web-1").id;
    try {
        deploy("services:\n  web:\n    image: ${BOX}\n    init: true\n  extra:\n    image: 127.0.0.1:1/nothing:here\n");
        FAIL() << "a pull from nowhere succeeded";
    } catch (const StackDeployFailed& e) {
        EXPECT_EQ(e.service(), "extra");
    }
    auto after = containers();
    EXPECT_EQ(after.size(), 1u);
    EXPECT_EQ(after.at(project + "-web-1").id, before);
}

TEST_F(StacksDocker, APolicyRefusalCreatesNothing) {
    DeployOptions options;
    options.checkPolicy = [](const ServicePlan& plan) {
        if (plan.create.body["HostConfig"].value("Privileged", false)) throw std::runtime_error("privileged is not allowed");
    };
    EXPECT_THROW(deploy("services:\n  a:\n    image: ${BOX}\n  b:\n    image: ${BOX}\n    privileged: true\n", options), std::runtime_error);
    EXPECT_TRUE(containers().empty());
    EXPECT_TRUE(rt->listNetworks({{labels::kProject, project}}).empty());
}

TEST_F(StacksDocker, DownKeepsNamedVolumesUnlessAskedAndListsThem) {
    deploy(kTwo);
    DownResult kept = StackDeployer(*rt).down(project, false, std::chrono::seconds(1));
    EXPECT_EQ(kept.removedContainers.size(), 3u);
    EXPECT_EQ(kept.removedNetworks, (std::vector<std::string>{project + "_default"}));
    EXPECT_EQ(kept.keptVolumes, (std::vector<std::string>{project + "_data"}));
    EXPECT_NO_THROW(rt->inspectVolume(project + "_data"));
    EXPECT_TRUE(containers().empty());
    DownResult removed = StackDeployer(*rt).down(project, true, std::chrono::seconds(1));
    EXPECT_EQ(removed.removedVolumes, (std::vector<std::string>{project + "_data"}));
    EXPECT_THROW(rt->inspectVolume(project + "_data"), runtime::RuntimeError);
}

TEST_F(StacksDocker, StopStartAndRestartFollowTheDependencyLabels) {
    deploy(kTwo);
    StackDeployer deployer(*rt);
    auto stopped = deployer.stop(project, {}, std::chrono::seconds(1));
    ASSERT_EQ(stopped.size(), 3u);
    EXPECT_EQ(stopped.back(), project + "-db-1") << "dependencies stop after their dependents";
    for (const auto& [name, c] : containers()) EXPECT_NE(c.state, "running") << name;
    auto started = deployer.start(project);
    ASSERT_EQ(started.size(), 3u);
    EXPECT_NE(std::find(started.begin(), started.end(), project + "-db-1"), started.end());
    EXPECT_LT(std::find(started.begin(), started.end(), project + "-db-1") - started.begin(),
              std::find(started.begin(), started.end(), project + "-web-1") - started.begin());
    EXPECT_EQ(deployer.stop(project, "other", std::chrono::seconds(1)), (std::vector<std::string>{project + "-other-1"}));
    EXPECT_EQ(containers().at(project + "-web-1").state, "running");
}

// What a SIGKILL between "set the old container aside" and "start the new one" leaves: the old one
// stopped under <id12>_<name> and no container under its name. The next deploy puts it back first.
TEST_F(StacksDocker, AReplaceInterruptedByACrashIsUndoneByTheNextDeploy) {
    deploy("services:\n  web:\n    image: ${BOX}\n    init: true\n");
    auto web = containers().at(project + "-web-1");
    rt->stopContainer(web.id, std::chrono::seconds(1));
    rt->renameContainer(web.id, web.id.substr(0, 12) + "_" + project + "-web-1");
    DeployResult r = deploy("services:\n  web:\n    image: ${BOX}\n    init: true\n");
    ASSERT_EQ(r.recovered.size(), 1u);
    auto after = containers();
    ASSERT_EQ(after.size(), 1u);
    EXPECT_EQ(after.at(project + "-web-1").id, web.id) << "the set-aside container was not restored";
    EXPECT_EQ(after.at(project + "-web-1").state, "running");
}

TEST_F(StacksDocker, AServiceRemovedFromTheFileIsRemovedFromTheEngine) {
    deploy(kTwo);
    DeployResult r = deploy("services:\n  db:\n    image: ${BOX}\n    init: true\n    environment: {DB_VERSION: \"1\"}\n");
    std::sort(r.removedOrphans.begin(), r.removedOrphans.end());
    EXPECT_EQ(r.removedOrphans, (std::vector<std::string>{project + "-other-1", project + "-web-1"}));
    EXPECT_EQ(containers().size(), 1u);
}

TEST_F(StacksDocker, CompletedSuccessfullyWaitsForExitZeroAndRefusesAnotherCode) {
    const char* ok = R"(services:
  migrate:
    image: ${BOX}
    command: [sh, -c, "sleep 1; exit 0"]
  app:
    image: ${BOX}
    init: true
    depends_on:
      migrate: {condition: service_completed_successfully}
)";
    deploy(ok);
    auto all = containers();
    EXPECT_EQ(rt->inspectContainer(all.at(project + "-migrate-1").id).state.exitCode, 0);
    EXPECT_EQ(all.at(project + "-app-1").state, "running");
    StackDeployer(*rt).down(project, true, std::chrono::seconds(0));

    std::string failing = ok;
    failing.replace(failing.find("exit 0"), 6, "exit 3");
    try {
        deploy(failing);
        FAIL() << "a migration that exited 3 let its dependent start";
    } catch (const StackDeployFailed& e) {
        EXPECT_EQ(e.service(), "app");
        EXPECT_NE(std::string(e.what()).find("exit code 3"), std::string::npos) << e.what();
    }
    EXPECT_FALSE(containers().count(project + "-app-1"));
}

// Engine API 1.41 attaches one network at create: the others (with aliases and a fixed address) must be there
// before the first start, with the service name as alias on each user-defined network.
TEST_F(StacksDocker, AServiceOnThreeNetworksHasAllOfThemWithAliasesFromItsFirstStart) {
    std::string subnet = "10.231." + std::to_string(std::random_device{}() % 200 + 10);
    std::string file = "services:\n  web:\n    image: ${BOX}\n    init: true\n    networks:\n"
                       "      front: {aliases: [www]}\n      back: {ipv4_address: " + subnet + ".20}\n      extra:\n"
                       "networks:\n  front: {}\n  back:\n    ipam:\n      config:\n        - subnet: " + subnet + ".0/24\n  extra: {}\n";
    deploy(file);
    auto inspect = rt->inspectContainerJson(containers().at(project + "-web-1").id);
    const auto& nets = inspect["NetworkSettings"]["Networks"];
    ASSERT_EQ(nets.size(), 3u) << nets.dump();
    for (const char* key : {"front", "back", "extra"}) {
        const auto& n = nets[project + "_" + key];
        ASSERT_TRUE(n.is_object()) << key << " missing: " << nets.dump();
        auto aliases = n["Aliases"].dump();
        EXPECT_NE(aliases.find("\"web\""), std::string::npos) << key << ": " << aliases;
    }
    EXPECT_NE(nets[project + "_front"]["Aliases"].dump().find("\"www\""), std::string::npos);
    EXPECT_EQ(nets[project + "_back"]["IPAddress"], subnet + ".20");
}

TEST_F(StacksDocker, DeployResourcesLimitTheContainerWithoutSwarm) {
    deploy("services:\n  web:\n    image: ${BOX}\n    init: true\n    deploy:\n      resources:\n        limits: {memory: 64M, cpus: '0.5'}\n");
    auto info = rt->inspectContainer(containers().at(project + "-web-1").id);
    EXPECT_EQ(info.memoryBytes, 67108864);
    EXPECT_EQ(info.nanoCpus, 500000000);
}

}  // namespace
}  // namespace rivetr::stacks
