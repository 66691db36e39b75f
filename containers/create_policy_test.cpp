// The create policy on engine create bodies: each dangerous setting refused for developers (403 naming it), recorded for admins.
#include "containers/create_policy.hpp"

#include <gtest/gtest.h>

#include "containers/container_error.hpp"
#include "tests/support/test_support.hpp"

namespace rivetr::containers {
namespace {

using Json = nlohmann::json;
using store::Role;

struct Case {
    const char* what;
    Json hostConfig;
    const char* field;
};

// Every forbidden setting, including the alternate forms a policy misses when it checks one
// (Portainer CVE-2026-44850: Mounts instead of Binds).
std::vector<Case> forbidden() {
    return {
        {"privileged", {{"Privileged", true}}, "privileged"},
        {"host network", {{"NetworkMode", "host"}}, "network_mode"},
        {"host pid", {{"PidMode", "host"}}, "pid_mode"},
        {"host ipc", {{"IpcMode", "host"}}, "ipc_mode"},
        {"host userns", {{"UsernsMode", "host"}}, "userns_mode"},
        {"host uts", {{"UTSMode", "host"}}, "uts_mode"},
        {"SYS_ADMIN", {{"CapAdd", {"SYS_ADMIN"}}}, "cap_add"},
        {"cap_sys_module", {{"CapAdd", {"cap_sys_module"}}}, "cap_add"},
        {"ALL", {{"CapAdd", {"ALL"}}}, "cap_add"},
        {"devices", {{"Devices", {{{"PathOnHost", "/dev/sda"}, {"PathInContainer", "/dev/sda"}, {"CgroupPermissions", "rwm"}}}}}, "devices"},
        {"device cgroup rules", {{"DeviceCgroupRules", {"b 8:* rwm"}}}, "devices"},
        {"gpus", {{"DeviceRequests", {{{"Count", -1}}}}}, "devices"},
        {"seccomp unconfined", {{"SecurityOpt", {"seccomp=unconfined"}}}, "security_opt"},
        {"apparmor unconfined", {{"SecurityOpt", {"apparmor:unconfined"}}}, "security_opt"},
        {"label disable", {{"SecurityOpt", {"label=disable"}}}, "security_opt"},
        {"systempaths unconfined", {{"MaskedPaths", Json::array()}}, "security_opt"},
        {"bind via Binds", {{"Binds", {"/etc:/host-etc"}}}, "mounts"},
        {"bind via Mounts", {{"Mounts", {{{"Type", "bind"}, {"Source", "/etc"}, {"Target", "/host-etc"}}}}}, "mounts"},
        {"root via Mounts", {{"Mounts", {{{"Type", "bind"}, {"Source", "/"}, {"Target", "/host"}}}}}, "mounts"},
        {"dotdot escape", {{"Binds", {"/srv/data/../../etc:/x"}}}, "mounts"},
        {"socket via Binds", {{"Binds", {"/var/run/docker.sock:/var/run/docker.sock"}}}, "mounts"},
        {"socket via Mounts", {{"Mounts", {{{"Type", "bind"}, {"Source", "/run/docker.sock"}, {"Target", "/s"}}}}}, "mounts"},
        {"socket directory", {{"Binds", {"/run:/host-run"}}}, "mounts"},
        {"volume o=bind", {{"Mounts", {{{"Type", "volume"}, {"Source", "v"}, {"Target", "/v"},
                                         {"VolumeOptions", {{"DriverConfig", {{"Name", "local"}, {"Options", {{"type", "none"}, {"o", "bind"}, {"device", "/etc"}}}}}}}}}}},
         "mounts"},
        {"volume device=", {{"Mounts", {{{"Type", "volume"}, {"Target", "/v"},
                                          {"VolumeOptions", {{"DriverConfig", {{"Options", {{"device", "/dev/sda1"}}}}}}}}}}},
         "mounts"},
        {"volumes_from", {{"VolumesFrom", {"admin-box"}}}, "volumes_from"},
    };
}

PolicyOptions options() {
    PolicyOptions o;
    o.allowedBindRoots = {"/srv/data"};
    o.dockerSocket = "/custom/engine.sock";
    return o;
}

TEST(CreatePolicy, EachDangerousSettingIsRefusedForDevelopersAndRecordedForAdmins) {
    for (const auto& c : forbidden()) {
        SCOPED_TRACE(c.what);
        Json body = {{"Image", "x"}, {"HostConfig", c.hostConfig}};
        for (Role role : {Role::developer, Role::viewer}) {
            try {
                checkCreatePolicy(body, role, options());
                ADD_FAILURE() << "a non-admin was allowed";
            } catch (const ContainerError& e) {
                EXPECT_EQ(e.status(), 403);
                EXPECT_EQ(e.code(), "policy_violation");
                EXPECT_EQ(e.field(), c.field) << e.what();
            }
        }
        auto found = checkCreatePolicy(body, Role::admin, options());
        ASSERT_FALSE(found.empty()) << "an admin may, and the audit learns it";
        EXPECT_EQ(found.front().field, c.field);
    }
}

TEST(CreatePolicy, WhatEveryoneMayDoPasses) {
    Json safe = {{"Image", "x"},
                 {"HostConfig",
                  {{"Binds", {"named:/data", "/srv/data/site:/site:ro"}},
                   {"Mounts", {{{"Type", "volume"}, {"Source", "cache"}, {"Target", "/cache"}},
                               {{"Type", "bind"}, {"Source", "/srv/data"}, {"Target", "/all"}},
                               {{"Type", "tmpfs"}, {"Target", "/tmp"}}}},
                   {"CapAdd", {"NET_BIND_SERVICE", "CAP_CHOWN", "ipc_lock"}},
                   {"CapDrop", {"ALL"}},
                   {"SecurityOpt", {"no-new-privileges:true"}},
                   {"NetworkMode", "bridge"},
                   {"PidMode", "container:other"},
                   {"IpcMode", "private"},
                   {"MaskedPaths", {"/proc/kcore"}},
                   {"Devices", Json::array()}}}};
    EXPECT_TRUE(checkCreatePolicy(safe, Role::developer, options()).empty());
    EXPECT_TRUE(checkCreatePolicy(safe, Role::admin, options()).empty()) << "nothing dangerous to record";
    EXPECT_TRUE(checkCreatePolicy({{"Image", "x"}}, Role::developer, {}).empty());
}

TEST(CreatePolicy, NoBindRootsMeansNoBindMountsForDevelopers) {
    Json body = {{"HostConfig", {{"Binds", {"/srv/data:/d"}}}}};
    EXPECT_THROW(checkCreatePolicy(body, Role::developer, {}), ContainerError);
    EXPECT_NO_THROW(checkCreatePolicy({{"HostConfig", {{"Binds", {"data:/d"}}}}}, Role::developer, {}))
        << "named volumes stay allowed (portainer#6387)";
}

TEST(CreatePolicy, TheSocketIsRefusedEvenUnderAnAllowedRootAndThroughASymlink) {
    PolicyOptions o = options();
    o.allowedBindRoots = {"/"};
    Json socket = {{"HostConfig", {{"Mounts", {{{"Type", "bind"}, {"Source", "/custom/engine.sock"}, {"Target", "/s"}}}}}}};
    EXPECT_THROW(checkCreatePolicy(socket, Role::developer, o), ContainerError) << "the configured socket";

    test::TempDir dir("rivetr-policy");
    std::filesystem::create_directories(dir.path() / "allowed");
    std::filesystem::create_directory_symlink("/run", dir.path() / "allowed" / "link");
    o.allowedBindRoots = {(dir.path() / "allowed").string()};
    o.resolve = localPolicyDefaults().resolve;
    Json viaLink = {{"HostConfig", {{"Binds", {(dir.path() / "allowed" / "link").string() + ":/x"}}}}};
    try {
        checkCreatePolicy(viaLink, Role::developer, o);
        FAIL() << "a link under an allowed root that leads to the socket's directory";
    } catch (const ContainerError& e) {
        EXPECT_NE(std::string(e.what()).find("Docker socket"), std::string::npos) << e.what();
    }
    Json inside = {{"HostConfig", {{"Binds", {(dir.path() / "allowed" / "sub").string() + ":/x"}}}}};
    EXPECT_NO_THROW(checkCreatePolicy(inside, Role::developer, o));
}

// An existing named volume whose device is a host path is judged as a bind of that path, in both forms;
// one that does not exist yet, or mounts no host path, stays allowed.
TEST(CreatePolicy, AnExistingVolumeThatBindsAHostPathIsJudgedAsABind) {
    PolicyOptions o = options();
    std::map<std::string, runtime::VolumeInfo> existing{
        {"etc", {"etc", "local", "", "", {}, {{"type", "none"}, {"o", "bind"}, {"device", "/etc"}}}},
        {"disk", {"disk", "local", "", "", {}, {{"type", "ext4"}, {"device", "/dev/sda1"}}}},
        {"sock", {"sock", "", "", "", {}, {{"o", "bind"}, {"device", "/run"}}}},
        {"site", {"site", "local", "", "", {}, {{"type", "none"}, {"o", "bind"}, {"device", "/srv/data/site"}}}},
        {"nfs", {"nfs", "local", "", "", {}, {{"type", "nfs"}, {"o", "addr=10.0.0.1"}, {"device", ":/export"}}}},
        {"plain", {"plain", "local", "", "", {}, {}}}};
    o.findVolume = [&](const std::string& name) -> std::optional<runtime::VolumeInfo> {
        auto it = existing.find(name);
        return it == existing.end() ? std::nullopt : std::optional(it->second);
    };
    auto binds = [](const std::string& v) { return Json{{"HostConfig", {{"Binds", {v + ":/v"}}}}}; };
    auto mounts = [](const std::string& v) {
        return Json{{"HostConfig", {{"Mounts", {{{"Type", "volume"}, {"Source", v}, {"Target", "/v"}}}}}}};
    };
    for (const auto& body : {binds("etc"), mounts("etc"), binds("disk"), mounts("sock")}) {
        SCOPED_TRACE(body.dump());
        try {
            checkCreatePolicy(body, Role::developer, o);
            ADD_FAILURE() << "a volume that binds a host path outside the roots was allowed";
        } catch (const ContainerError& e) {
            EXPECT_EQ(e.status(), 403);
            EXPECT_EQ(e.field(), "mounts");
        }
        EXPECT_EQ(checkCreatePolicy(body, Role::admin, o).size(), 1u) << "recorded for the admin's audit";
    }
    try {
        checkCreatePolicy(mounts("etc"), Role::developer, o);
    } catch (const ContainerError& e) {
        EXPECT_NE(std::string(e.what()).find("volume etc's device: /etc"), std::string::npos) << e.what();
    }
    for (const char* fine : {"site", "nfs", "plain", "not-yet-made"}) {
        EXPECT_NO_THROW(checkCreatePolicy(binds(fine), Role::developer, o)) << fine;
        EXPECT_NO_THROW(checkCreatePolicy(mounts(fine), Role::developer, o)) << fine;
    }
}

// A volume being created is judged by the same rule: its driver options binding a host path outside the
// roots (or the socket) are refused for developers naming driver_opts, recorded for admins.
TEST(CreatePolicy, AVolumeCreatedWithBindDriverOptionsIsJudgedAsABind) {
    PolicyOptions o = options();
    auto spec = [](std::map<std::string, std::string> opts, std::string driver = "local") {
        return runtime::VolumeSpec{"v1", std::move(driver), {}, std::move(opts)};
    };
    for (const auto& bad : {spec({{"type", "none"}, {"o", "bind"}, {"device", "/etc"}}), spec({{"o", "bind"}, {"device", "srv/data/../../etc"}}),
                            spec({{"type", "ext4"}, {"device", "/dev/sda1"}}), spec({{"type", "none"}, {"device", "/custom/engine.sock"}})}) {
        SCOPED_TRACE(bad.driverOpts.at("device"));
        try {
            checkVolumePolicy(bad, Role::developer, o);
            ADD_FAILURE() << "a bind in disguise was allowed";
        } catch (const ContainerError& e) {
            EXPECT_EQ(e.status(), 403);
            EXPECT_EQ(e.field(), "driver_opts");
            EXPECT_NE(std::string(e.what()).find("volume v1's device"), std::string::npos) << e.what();
        }
        EXPECT_EQ(checkVolumePolicy(bad, Role::admin, o).size(), 1u);
    }
    for (const auto& fine : {spec({}), spec({{"type", "none"}, {"o", "bind"}, {"device", "/srv/data/site"}}),
                             spec({{"type", "nfs"}, {"o", "addr=10.0.0.1"}, {"device", ":/export"}}),
                             spec({{"type", "tmpfs"}, {"device", "tmpfs"}}), spec({{"device", "/etc"}}, "some-plugin")})
        EXPECT_TRUE(checkVolumePolicy(fine, Role::developer, o).empty());
}

}  // namespace
}  // namespace rivetr::containers
