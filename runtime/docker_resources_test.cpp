// Images, volumes and networks against the real dockerd: labels select, prunes spare what Rivetr did not make.
#include <random>
#include <thread>

#include "runtime/runtime_test_fixture.hpp"
#include "runtime/testing/fails_with.hpp"

namespace rivetr::runtime {
namespace {

using namespace std::chrono_literals;
using testing::failsWith;
using testing::RuntimeTest;

class DockerResourcesTest : public RuntimeTest {};

TEST_F(DockerResourcesTest, ListsContainersByAppAndDeploymentLabels) {
    auto image = buildTestserver("dep_1");
    std::string a = rt->createContainer(specFor(image, "dep_1"));
    std::string b = rt->createContainer(specFor(image, "dep_2"));
    auto byApp = rt->listContainers(rivetrFilter(app));
    EXPECT_EQ(byApp.size(), 2u);
    auto byDep = rt->listContainers(rivetrFilter(app, "dep_2"));
    ASSERT_EQ(byDep.size(), 1u);
    EXPECT_EQ(byDep[0].id, b);
    EXPECT_EQ(byDep[0].labels.at("rivetr.deployment"), "dep_2");
    EXPECT_TRUE(rt->listContainers(rivetrFilter(app), false).empty()) << "created, not running";
    EXPECT_TRUE(rt->listContainers(rivetrFilter(newId("app"))).empty());
}

TEST_F(DockerResourcesTest, VolumesAndNetworksAreCreatedUsedAndRemoved) {
    auto image = buildTestserver("dep_1");
    auto vol = rt->createVolume(volumeName(app, "data"), rivetrLabels(app));
    auto net = rt->createNetwork({.name = networkName(app), .labels = rivetrLabels(app)});
    EXPECT_EQ(rt->inspectVolume(vol.name).labels.at("rivetr.app"), app);
    EXPECT_EQ(rt->inspectNetwork(net.name).id, net.id);

    auto webSpec = specFor(image, "dep_1");
    webSpec.mounts = {{vol.name, "/data", false}};
    webSpec.networks = {{net.name, {"web"}}};
    std::string web = rt->runContainer(webSpec);
    EXPECT_EQ(rt->exec(web, {"/bin/busybox", "sh", "-c", "echo kept > /data/file"}).exitCode, 0);

    // A second container finds the first by its alias on the private network, and sees the volume.
    auto clientSpec = specFor(image, "dep_2");
    clientSpec.mounts = {{vol.name, "/data", true}};
    std::string client = rt->runContainer(clientSpec);
    rt->connectNetwork(net.name, client, {});
    auto viaAlias = rt->exec(client, {"/bin/busybox", "wget", "-q", "-O", "-", "http://web:8000/"});
    EXPECT_EQ(viaAlias.stdoutText, "version=dev\n") << viaAlias.stderrText;
    EXPECT_EQ(rt->exec(client, {"/bin/busybox", "cat", "/data/file"}).stdoutText, "kept\n");
    EXPECT_EQ(rt->inspectNetwork(net.name).containerIds.size(), 2u);
    rt->disconnectNetwork(net.name, client);
    EXPECT_EQ(rt->inspectContainer(client).networkIps.count(net.name), 0u);
    EXPECT_NE(rt->exec(client, {"/bin/busybox", "wget", "-q", "-T", "2", "-O", "-", "http://web:8000/"}).exitCode, 0);

    ASSERT_EQ(rt->listVolumes(rivetrFilter(app)).size(), 1u);
    ASSERT_EQ(rt->listNetworks(rivetrFilter(app)).size(), 1u);
    EXPECT_TRUE(failsWith([&] { rt->removeVolume(vol.name); }, ErrorKind::Conflict)) << "a volume in use cannot go";
    rt->removeContainer(web, {.force = true, .volumes = false});
    rt->removeContainer(client, {.force = true, .volumes = false});
    removeVolumeAndNetwork(vol.name, net.name);
}

TEST_F(DockerResourcesTest, CreatesANetworkFromItsSpecAndReportsItsEndpointsAddresses) {
    std::string prefix = "10.254." + std::to_string(std::random_device{}() % 250 + 1) + ".";
    NetworkSpec spec{.name = networkName(app), .subnet = prefix + "0/24", .gateway = prefix + "1",
                     .ipRange = prefix + "128/25", .internal = true, .attachable = true, .labels = rivetrLabels(app),
                     .options = {{"com.docker.network.driver.mtu", "1400"}}};
    auto net = rt->createNetwork(spec);
    EXPECT_EQ(net.driver, "bridge");
    EXPECT_TRUE(net.internal);
    EXPECT_TRUE(net.attachable);
    EXPECT_EQ(net.scope, "local");
    ASSERT_EQ(net.pools.size(), 1u);
    EXPECT_EQ(net.pools[0].subnet, prefix + "0/24");
    EXPECT_EQ(net.pools[0].gateway, prefix + "1");
    EXPECT_EQ(net.pools[0].ipRange, prefix + "128/25");
    EXPECT_EQ(net.options.at("com.docker.network.driver.mtu"), "1400");

    auto image = buildTestserver("dep_1");
    std::string c = rt->createContainer(specFor(image, "dep_1"));
    rt->connectEndpoint(net.name, c, {.aliases = {"db"}, .ipv4Address = prefix + "200"});
    rt->startContainer(c);
    auto seen = rt->inspectNetwork(net.id);
    ASSERT_EQ(seen.endpoints.size(), 1u);
    EXPECT_EQ(seen.endpoints[0].containerId, c);
    EXPECT_EQ(seen.endpoints[0].ipv4Address, prefix + "200") << "the address without its /24";
    EXPECT_EQ(seen.endpoints[0].name, containerName(app, "dep_1"));
    EXPECT_FALSE(seen.endpoints[0].macAddress.empty());
    EXPECT_TRUE(rt->listNetworks(rivetrFilter(app)).at(0).endpoints.empty()) << "a list does not carry endpoints";
}

TEST_F(DockerResourcesTest, PrunesOnlyWhatRivetrLabelled) {
    auto image = buildTestserver("dep_1");
    std::string otherTag = "rivetr-test-unlabelled:" + app;
    rt->tagImage(image, "rivetr-test-unlabelled", app);  // a tag of the same image still protects it...
    rt->removeImage(otherTag);                           // ...so drop it again, and make a truly foreign image:
    {
        test::TempDir foreign;
        test::writeFile(foreign / "Dockerfile", "FROM scratch\nCOPY Dockerfile /foreign-" + app + "\n");
        BuildRequest b;
        b.contextDir = foreign.path();
        b.tags = {otherTag};
        rt->build(b);
        extraImages.push_back(otherTag);
    }
    std::string foreignVolume = "rivetr-test-foreign-" + app;
    rt->createVolume(foreignVolume, {});
    extraVolumes.push_back(foreignVolume);
    rt->createVolume(volumeName(app, "old"), rivetrLabels(app));
    rt->createNetwork({.name = networkName(app), .labels = rivetrLabels(app)});

    auto images = rt->pruneImages(rivetrFilter(app));
    EXPECT_FALSE(images.deleted.empty());
    EXPECT_THROW(rt->inspectImage(image), RuntimeError);
    EXPECT_NO_THROW(rt->inspectImage(otherTag)) << "an unlabelled image survives";

    auto vols = rt->pruneVolumes(rivetrFilter(app));
    EXPECT_EQ(vols.deleted, std::vector<std::string>{volumeName(app, "old")});
    EXPECT_NO_THROW(rt->inspectVolume(foreignVolume));
    auto nets = rt->pruneNetworks(rivetrFilter(app));
    EXPECT_EQ(nets.deleted, std::vector<std::string>{networkName(app)});

    // The default filter is rivetr.managed=true: still nothing foreign goes.
    rt->pruneImages();
    rt->pruneVolumes();
    EXPECT_NO_THROW(rt->inspectImage(otherTag));
    EXPECT_NO_THROW(rt->inspectVolume(foreignVolume));
}

TEST_F(DockerResourcesTest, ImagesAreListedInspectedTaggedAndRemoved) {
    auto image = buildTestserver("dep_1");
    auto listed = rt->listImages(rivetrFilter(app));
    ASSERT_EQ(listed.size(), 1u);
    EXPECT_EQ(listed[0].labels.at("rivetr.deployment"), "dep_1");
    rt->tagImage(image, "rivetr/" + app, "live");
    auto info = rt->inspectImage("rivetr/" + app + ":live");
    EXPECT_EQ(info.id, listed[0].id);
    EXPECT_EQ(info.repoTags.size(), 2u);
    rt->removeImage("rivetr/" + app + ":live");
    EXPECT_EQ(rt->inspectImage(image).repoTags.size(), 1u);
    EXPECT_TRUE(failsWith([&] { rt->inspectImage("rivetr/" + app + ":live"); }, ErrorKind::ImageNotFound));
}

}  // namespace
}  // namespace rivetr::runtime
