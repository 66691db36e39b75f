// The create flags as the server reads them: docker run's spellings of ports, mounts, env and labels become
// the POST /api/containers body, and a malformed flag is a usage error naming it.
#include "cli/container_create_flags.hpp"

#include <gtest/gtest.h>

namespace rivetr::cli {
namespace {

using nlohmann::json;

const ArgSpec kSpec{{"name", "env", "publish", "mount", "label", "network", "restart", "memory", "cpus", "user", "entrypoint"},
                    {"no-start"}};

json body(const std::vector<std::string>& argv) { return containerCreateBody(parseArgs(argv, kSpec)); }

TEST(ContainerCreateFlags, MirrorTheCreateBody) {
    auto b = body({"create", "--name", "web", "--env", "A=1", "--env", "B=x=y", "--publish", "8080:80",
                   "--publish", "127.0.0.1:5353:53/udp", "--publish", "9000", "--mount",
                   "type=volume,source=data,target=/data,readonly", "--mount", "type=tmpfs,target=/tmp", "--label",
                   "team=a", "--network", "mynet", "--restart", "on-failure:3", "--memory", "256m", "--cpus", "0.5",
                   "--user", "1000", "--entrypoint", "/bin/sh", "nginx:1", "--", "-c", "echo hi"});
    EXPECT_EQ(b["image"], "nginx:1");
    EXPECT_EQ(b["command"], json({"-c", "echo hi"}));
    EXPECT_EQ(b["entrypoint"], json({"/bin/sh"}));
    EXPECT_EQ(b["env"], json({{"A", "1"}, {"B", "x=y"}}));
    EXPECT_EQ(b["ports"], json::parse(R"([{"host":8080,"container":80,"protocol":"tcp","host_ip":""},
        {"host":5353,"container":53,"protocol":"udp","host_ip":"127.0.0.1"},{"host":0,"container":9000,"protocol":"tcp","host_ip":""}])"));
    EXPECT_EQ(b["mounts"], json::parse(R"([{"type":"volume","source":"data","target":"/data","read_only":true},
        {"type":"tmpfs","source":"","target":"/tmp","read_only":false}])"));
    EXPECT_EQ(b["labels"], json({{"team", "a"}}));
    EXPECT_EQ(b["network_mode"], "mynet");
    EXPECT_EQ(b["restart_policy"], "on-failure:3");
    EXPECT_EQ(b["memory"], "256m");
    EXPECT_DOUBLE_EQ(b["cpus"].get<double>(), 0.5);
    EXPECT_EQ(b["user"], "1000");
    EXPECT_EQ(b["start"], true);
    EXPECT_EQ(body({"create", "busybox", "--no-start"})["start"], false);
    EXPECT_FALSE(body({"create", "busybox"}).contains("command"));
}

TEST(ContainerCreateFlags, MalformedFlagsAreUsageErrors) {
    EXPECT_THROW(body({"create"}), UsageError);
    EXPECT_THROW(body({"create", "--env", "NOEQUALS", "i"}), UsageError);
    EXPECT_THROW(body({"create", "--publish", "80:http", "i"}), UsageError);
    EXPECT_THROW(body({"create", "--publish", "70000", "i"}), UsageError);
    EXPECT_THROW(body({"create", "--mount", "type=bind,source=/x", "i"}), UsageError);
    EXPECT_THROW(body({"create", "--mount", "type=bind,src=/x,target=/y,bogus=1", "i"}), UsageError);
    EXPECT_THROW(body({"create", "--cpus", "half", "i"}), UsageError);
}

}  // namespace
}  // namespace rivetr::cli
