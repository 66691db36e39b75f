// The create policy on every path against the real dockerd: each forbidden setting x {create, clone, edit} x {developer, admin}.
#include "containers/manager_test_fixture.hpp"

namespace rivetr::containers {
namespace {

using Json = nlohmann::json;
using store::Role;
using testing::ManagerTest;

struct Setting {
    const char* name;
    const char* field;  // what the 403 names
    Json patch;         // in the manager's vocabulary; null: only reachable through a kept engine setting
    Json hostConfig;    // the same setting as an engine create body has it (a clone's or edit's source)
};

std::vector<Setting> settings(const std::string& socket, const std::string& disguised) {
    Json bindEtc = {{{"type", "bind"}, {"source", "/etc"}, {"target", "/host-etc"}, {"read_only", true}}};
    Json bindSocket = {{{"type", "bind"}, {"source", socket}, {"target", "/var/run/docker.sock"}}};
    return {
        {"privileged", "privileged", {{"privileged", true}}, {{"Privileged", true}}},
        {"host network", "network_mode", {{"network_mode", "host"}}, {{"NetworkMode", "host"}}},
        {"host pid", "pid_mode", {{"pid_mode", "host"}}, {{"PidMode", "host"}}},
        {"host ipc", "ipc_mode", {{"ipc_mode", "host"}}, {{"IpcMode", "host"}}},
        {"host userns", "userns_mode", nullptr, {{"UsernsMode", "host"}}},
        {"SYS_ADMIN", "cap_add", {{"cap_add", {"SYS_ADMIN"}}}, {{"CapAdd", {"SYS_ADMIN"}}}},
        {"devices", "devices", {{"devices", {"/dev/null"}}},
         {{"Devices", {{{"PathOnHost", "/dev/null"}, {"PathInContainer", "/dev/null"}, {"CgroupPermissions", "rwm"}}}}}},
        {"seccomp unconfined", "security_opt", {{"security_opt", {"seccomp=unconfined"}}}, {{"SecurityOpt", {"seccomp=unconfined"}}}},
        {"bind via Mounts", "mounts", {{"mounts", bindEtc}},
         {{"Mounts", {{{"Type", "bind"}, {"Source", "/etc"}, {"Target", "/host-etc"}, {"ReadOnly", true}}}}}},
        {"bind via Binds", "mounts", nullptr, {{"Binds", {"/etc:/host-etc:ro"}}}},
        {"docker socket", "mounts", {{"mounts", bindSocket}}, {{"Binds", {socket + ":/var/run/docker.sock"}}}},
        // An existing volume an admin made with type=none, o=bind, device=/etc: a bind of /etc by name.
        {"bind-in-disguise volume via Mounts", "mounts",
         {{"mounts", {{{"type", "volume"}, {"source", disguised}, {"target", "/host-etc"}}}}},
         {{"Mounts", {{{"Type", "volume"}, {"Source", disguised}, {"Target", "/host-etc"}}}}}},
        {"bind-in-disguise volume via Binds", "mounts", nullptr, {{"Binds", {disguised + ":/host-etc"}}}},
    };
}

class CreatePolicyMatrixTest : public ManagerTest {
protected:
    // A named volume that is a bind mount of /etc in disguise, made as an admin's docker CLI would.
    std::string disguisedVolume(const std::string& volume) {
        runtime::DockerEndpoint endpoint;
        endpoint.unixSocket = test::dockerSocket();
        runtime::DockerClient client(endpoint);
        Json body = {{"Name", volume}, {"DriverOpts", {{"type", "none"}, {"o", "bind"}, {"device", "/etc"}}}};
        EXPECT_EQ(client.call("POST", "/volumes/create", body.dump(), {}, false).status, 201);
        extraVolumes.push_back(volume);
        return volume;
    }

    // A source made outside the manager (as an admin's docker CLI would) with the setting in its body.
    std::string rawSource(const Setting& s, const std::string& suffix) {
        // Blank rivetr.* labels: from the test image they would make it an app's container.
        Json labels = {{kRunLabel, run}, {runtime::kAppLabel, ""}, {runtime::kManagedLabel, ""}, {runtime::kDeploymentLabel, ""}};
        Json body = {{"Image", image}, {"Labels", labels}, {"HostConfig", s.hostConfig}};
        return rt->createContainerFromJson(name(suffix), body);
    }

    bool exists(const std::string& n) {
        runtime::ContainerQuery q;
        q.names = {n};
        q.labels = {{kRunLabel, run}};
        return !rt->queryContainers(q).empty();
    }

    void expectRefused(const ContainerError& e, const Setting& s) {
        EXPECT_EQ(e.status(), 403) << e.what();
        EXPECT_EQ(e.code(), "policy_violation");
        EXPECT_EQ(e.field(), s.field) << e.what();
    }

    static bool recorded(const CreateOutcome& o, const Setting& s) {
        return std::any_of(o.dangerous.begin(), o.dangerous.end(), [&](const PolicyFinding& f) { return f.field == s.field; });
    }
};

TEST_F(CreatePolicyMatrixTest, EachForbiddenSettingOnEveryPathForDevelopersAndAdmins) {
    int i = 0;
    for (const auto& s : settings(test::dockerSocket(), disguisedVolume(name("etc-volume")))) {
        SCOPED_TRACE(s.name);
        std::string n = std::to_string(i++);
        if (!s.patch.is_null()) {
            // create
            ContainerConfig c = config("c" + n);
            applyConfigPatch(c, s.patch);
            expectRefused(refusal([&] { manager->create("", c, Role::developer, false); }), s);
            EXPECT_FALSE(exists(c.name)) << "a refused create makes nothing";
            CreateOutcome admin = manager->create("", c, Role::admin, false);
            EXPECT_TRUE(recorded(admin, s)) << "the admin's use is reported for the audit";
        }
        // clone: the setting comes from the source, not from the request
        std::string source = rawSource(s, "s" + n);
        expectRefused(refusal([&] { manager->clone("", source, name("k" + n), Role::developer); }), s);
        EXPECT_FALSE(exists(name("k" + n)));
        EXPECT_TRUE(recorded(manager->clone("", source, name("k" + n), Role::admin), s));

        // edit: the developer adds the setting, or keeps one an admin set while changing something else
        std::string target = s.patch.is_null() ? rawSource(s, "e" + n) : manager->create("", config("e" + n), Role::developer, false).id;
        Json patch = s.patch.is_null() ? Json{{"labels", {{kRunLabel, run}, {"edited", "yes"}}}} : s.patch;
        expectRefused(refusal([&] { manager->edit("", target, patch, Role::developer); }), s);
        EXPECT_EQ(rt->inspectContainerJson(name("e" + n))["Id"], target) << "a refused edit leaves the container as it was";
        CreateOutcome edited = manager->edit("", target, patch, Role::admin);
        EXPECT_TRUE(recorded(edited, s));
        EXPECT_EQ(edited.name, name("e" + n));
    }
}

TEST_F(CreatePolicyMatrixTest, DevelopersKeepNamedVolumesBindsUnderAnAllowedRootAndSafeCapabilities) {
    ContainerConfig c = config("ok");
    applyConfigPatch(c, {{"mounts", {{{"type", "volume"}, {"source", runtime::volumeName(app, "ok")}, {"target", "/v"}},
                                     {{"type", "bind"}, {"source", (bindRoot.path() / "site").string()}, {"target", "/site"}}}},
                         {"cap_add", {"NET_BIND_SERVICE"}}});
    extraVolumes.push_back(runtime::volumeName(app, "ok"));
    CreateOutcome made = manager->create("", c, Role::developer, false);
    EXPECT_TRUE(made.dangerous.empty());
    EXPECT_TRUE(manager->clone("", made.id, name("ok2"), Role::developer).dangerous.empty());
    EXPECT_TRUE(manager->edit("", made.id, {{"env", {{"A", "1"}}}}, Role::developer).dangerous.empty());
}

// The named volume is judged again once the container holds it: made a bind of /etc by someone else
// between the check (when it did not exist yet) and the create, it is refused and nothing is left.
TEST_F(CreatePolicyMatrixTest, AVolumeMadeABindBetweenTheCheckAndTheCreateIsRefused) {
    std::string volume = name("late-volume");
    manager->setEditFaultPoint([&](const char* step) {
        if (std::string(step) == "policy_checked") disguisedVolume(volume);
    });
    ContainerConfig c = config("late");
    applyConfigPatch(c, {{"mounts", {{{"type", "volume"}, {"source", volume}, {"target", "/host-etc"}}}}});
    expectRefused(refusal([&] { manager->create("", c, Role::developer, false); }), {"late volume", "mounts", nullptr, nullptr});
    EXPECT_FALSE(exists(c.name)) << "the container that got /etc is removed";
}

}  // namespace
}  // namespace rivetr::containers
