// What the manager's stats and list views read from the engine's JSON: memory without page cache, block I/O, ports.
#include "runtime/docker_json.hpp"

#include <gtest/gtest.h>

namespace rivetr::runtime {
namespace {

TEST(DockerJson, StatsCountMemoryWithoutInactiveFileAndSumBlockIoOfBothCgroupVersions) {
    // cgroup v2: inactive_file; block I/O ops in lower case.
    Json v2 = Json::parse(R"({
      "memory_stats": {"usage": 50000000, "limit": 100000000, "stats": {"inactive_file": 10000000}},
      "blkio_stats": {"io_service_bytes_recursive": [
        {"major": 8, "minor": 0, "op": "read", "value": 4096},
        {"major": 8, "minor": 16, "op": "read", "value": 1024},
        {"major": 8, "minor": 0, "op": "write", "value": 8192}]},
      "networks": {"eth0": {"rx_bytes": 10, "tx_bytes": 20}, "eth1": {"rx_bytes": 1, "tx_bytes": 2}},
      "pids_stats": {"current": 3}})");
    Stats s = parseStats(v2);
    EXPECT_EQ(s.memoryUsageBytes, 40000000u) << "usage minus inactive_file, as docker stats shows";
    EXPECT_DOUBLE_EQ(s.memoryPercent, 40.0);
    EXPECT_EQ(s.blockReadBytes, 5120u);
    EXPECT_EQ(s.blockWriteBytes, 8192u);
    EXPECT_EQ(s.networkRxBytes, 11u);
    EXPECT_EQ(s.networkTxBytes, 22u);
    EXPECT_EQ(s.pids, 3u);

    // cgroup v1: total_inactive_file; ops capitalised, plus totals that must not be counted twice.
    Json v1 = Json::parse(R"({
      "memory_stats": {"usage": 30000000, "limit": 60000000, "stats": {"total_inactive_file": 5000000}},
      "blkio_stats": {"io_service_bytes_recursive": [
        {"op": "Read", "value": 100}, {"op": "Write", "value": 200}, {"op": "Sync", "value": 300},
        {"op": "Total", "value": 300}]}})");
    s = parseStats(v1);
    EXPECT_EQ(s.memoryUsageBytes, 25000000u);
    EXPECT_EQ(s.blockReadBytes, 100u);
    EXPECT_EQ(s.blockWriteBytes, 200u);
}

TEST(DockerJson, ASummaryCarriesEveryNameTheImageIdAndThePorts) {
    Json j = Json::parse(R"({"Id": "abc", "Names": ["/web", "/other/alias"], "Image": "web:1", "ImageID": "sha256:1",
      "State": "running", "Status": "Up 2 minutes", "Created": 1700000000, "Labels": {"a": "b"},
      "Ports": [{"IP": "0.0.0.0", "PrivatePort": 80, "PublicPort": 8080, "Type": "tcp"},
                {"PrivatePort": 53, "Type": "udp"}]})");
    ContainerSummary c = parseContainerSummary(j);
    EXPECT_EQ(c.name, "web");
    EXPECT_EQ(c.names, (std::vector<std::string>{"web", "alias"}));
    EXPECT_EQ(c.imageId, "sha256:1");
    ASSERT_EQ(c.ports.size(), 2u);
    EXPECT_EQ(c.ports[0].hostPort, 8080);
    EXPECT_EQ(c.ports[0].hostIp, "0.0.0.0");
    EXPECT_EQ(c.ports[1].containerPort, 53);
    EXPECT_EQ(c.ports[1].protocol, "udp");
    EXPECT_EQ(c.ports[1].hostPort, 0);
}

TEST(DockerJson, ANetworkCarriesItsPoolsOptionsAndEndpointsAddressesWithoutPrefix) {
    Json j = Json::parse(R"({
      "Name": "web", "Id": "abc", "Scope": "local", "Driver": "bridge", "Internal": true, "Attachable": true,
      "EnableIPv6": false, "Created": "2026-12-07T13:54:47Z",
      "IPAM": {"Driver": "default", "Options": null,
               "Config": [{"Subnet": "10.20.0.0/24", "Gateway": "10.20.0.1", "IPRange": "10.20.0.128/25"}]},
      "Containers": {"c1": {"Name": "db", "MacAddress": "02:42:0a:14:00:82", "IPv4Address": "10.20.0.130/24", "IPv6Address": ""}},
      "Options": {"com.docker.network.driver.mtu": "1400"}, "Labels": {"team": "web"}})");
    NetworkInfo n = parseNetwork(j);
    EXPECT_TRUE(n.internal);
    EXPECT_TRUE(n.attachable);
    EXPECT_EQ(n.scope, "local");
    ASSERT_EQ(n.pools.size(), 1u);
    EXPECT_EQ(n.pools[0].subnet, "10.20.0.0/24");
    EXPECT_EQ(n.pools[0].gateway, "10.20.0.1");
    EXPECT_EQ(n.pools[0].ipRange, "10.20.0.128/25");
    EXPECT_EQ(n.options.at("com.docker.network.driver.mtu"), "1400");
    EXPECT_EQ(n.labels.at("team"), "web");
    ASSERT_EQ(n.endpoints.size(), 1u);
    EXPECT_EQ(n.endpoints[0].containerId, "c1");
    EXPECT_EQ(n.endpoints[0].name, "db");
    EXPECT_EQ(n.endpoints[0].ipv4Address, "10.20.0.130");
    EXPECT_EQ(n.containerIds, std::vector<std::string>{"c1"});
}

TEST(DockerJson, ASummaryCarriesItsMountsWithTheVolumeNameAndWhetherReadOnly) {
    Json j = Json::parse(R"({"Id": "abc", "Names": ["/db"], "Mounts": [
      {"Type": "volume", "Name": "pgdata", "Source": "/var/lib/docker/volumes/pgdata/_data", "Destination": "/data", "RW": true},
      {"Type": "bind", "Source": "/etc/conf", "Destination": "/conf", "RW": false},
      "garbage"]})");
    ContainerSummary c = parseContainerSummary(j);
    ASSERT_EQ(c.mounts.size(), 3u);
    EXPECT_EQ(c.mounts[0].name, "pgdata");
    EXPECT_EQ(c.mounts[0].destination, "/data");
    EXPECT_FALSE(c.mounts[0].readOnly);
    EXPECT_EQ(c.mounts[1].type, "bind");
    EXPECT_TRUE(c.mounts[1].readOnly);
    EXPECT_TRUE(parseContainerSummary(Json::parse(R"({"Id": "x", "Mounts": null})")).mounts.empty());
}

}  // namespace
}  // namespace rivetr::runtime
