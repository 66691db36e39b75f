// The stack routes over real HTTP on the real dockerd: the role matrix, answers held to their OpenAPI schemas, invalid files refused with their lines before anything exists, byte-exact files, idempotent deploys, the policy, and every change audited.
#include <gtest/gtest.h>

#include "api/testing/engine_routes_fixture.hpp"
#include "stacks/compose_labels.hpp"
#include "tests/fixtures/fixture_image.hpp"

namespace rivetr::api {
namespace {

using nlohmann::json;
using store::Role;

class StackRoutesTest : public testing::EngineRoutesTest {
protected:
    test::TempDir stacksDir{"rivetr-stacks"};
    std::string stack = "rt" + run.substr(4, 10);
    std::string box;

    void configure() override {
        api.ctx.stackOptions.stacksDir = stacksDir.path();
        api.ctx.stackOptions.stopGrace = std::chrono::seconds(1);
    }

    void TearDown() override {
        if (rt) {
            for (const auto& c : rt->queryContainers(stacks::labels::projectQuery(stack))) swallow([&] { rt->removeContainer(c.id, {.force = true, .volumes = true}); });
            for (const auto& n : rt->listNetworks({{stacks::labels::kProject, stack}})) swallow([&] { rt->removeNetwork(n.id); });
            for (const auto& v : rt->listVolumes({{stacks::labels::kProject, stack}})) swallow([&] { rt->removeVolume(v.name, true); });
            if (!box.empty()) swallow([&] { rt->removeImage(box, true); });
        }
        EngineRoutesTest::TearDown();
    }

    void buildBox() {
        test::TempDir context("rivetr-stack-route-image");
        test::writeBusyboxContext(context.path(), "RUN [\"/bin/busybox\", \"--install\", \"-s\", \"/bin\"]\nCMD [\"sleep\", \"3600\"]\n");
        box = "rivetr-stackroutes/box:" + run.substr(4, 10);
        runtime::BuildRequest b;
        b.contextDir = context.path();
        b.tags = {box};
        rt->build(b);
    }

    // Two services, a named volume, a comment and a flow list: what the editor must keep byte for byte.
    std::string compose() const {
        return "# the shop\nservices:\n  web:\n    image: ${IMAGE}\n    init: true\n    command: [sleep, \"3600\"]\n"
               "    depends_on: [db]\n  db:\n    image: ${IMAGE}\n    init: true\n    volumes: [data:/data]\n"
               "    environment: {PASSWORD: \"${DB_PASSWORD}\"}\nvolumes:\n  data: {}\n";
    }
    json createBody() const {
        return {{"name", stack}, {"compose", compose()},
                {"env", {{"IMAGE", box}, {"DB_PASSWORD", {{"value", "s3cret-value"}, {"secret", true}}}}}};
    }
    std::map<std::string, std::string> containerIds() {
        std::map<std::string, std::string> out;
        for (const auto& c : rt->queryContainers(stacks::labels::projectQuery(stack))) out[stacks::labels::nameOf(c)] = c.id;
        return out;
    }
};

TEST_F(StackRoutesTest, AnInvalidFileIsRefusedWithEveryIssueAtItsLineAndNothingIsCreated) {
    json body = {{"name", stack}, {"compose", "services:\n  web:\n    image: x\n    imagee: y\n  db:\n    depends_on: [nope]\n    image: z\n"}};
    auto r = checked("POST", "/api/stacks", "/api/stacks", Role::developer, body);
    ASSERT_EQ(r.status, 400) << r.body;
    json e = json::parse(r.body)["error"];
    EXPECT_EQ(e["code"], "invalid_compose");
    ASSERT_GE(e["issues"].size(), 1u) << r.body;
    EXPECT_EQ(e["issues"][0]["line"], 4);
    EXPECT_EQ(e["issues"][0]["key"], "services.web.imagee");
    EXPECT_FALSE(std::filesystem::exists(stacksDir.path() / stack)) << "a refused file was written";

    auto v = checked("POST", "/api/stacks/validate", "/api/stacks/validate", Role::viewer, {{"compose", "services:\n  a:\n    image: ${X:?set X}\n"}});
    ASSERT_EQ(v.status, 200) << v.body;
    json validation = json::parse(v.body);
    EXPECT_EQ(validation["valid"], false);
    EXPECT_EQ(validation["issues"][0]["line"], 3);
    EXPECT_NE(validation["issues"][0]["message"].get<std::string>().find("set X"), std::string::npos);

    auto badName = call("POST", "/api/stacks", Role::developer, {{"name", "Bad/Name"}, {"compose", "services: {a: {image: x}}\n"}});
    EXPECT_EQ(badName.status, 400);
    EXPECT_EQ(json::parse(badName.body)["error"]["field"], "name");
    auto badEnv = call("POST", "/api/stacks", Role::developer, {{"name", stack}, {"compose", "services: {a: {image: x}}\n"}, {"env", "A=1"}});
    EXPECT_EQ(badEnv.status, 400) << badEnv.body;
    EXPECT_EQ(json::parse(badEnv.body)["error"]["field"], "env");
    EXPECT_FALSE(std::filesystem::exists(stacksDir.path() / stack));
}

TEST_F(StackRoutesTest, ViewersReadDevelopersChangeAndSecretsAreWriteOnly) {
    buildBox();
    EXPECT_EQ(call("POST", "/api/stacks", Role::viewer, createBody()).status, 403);
    auto created = checked("POST", "/api/stacks", "/api/stacks", Role::developer, createBody());
    ASSERT_EQ(created.status, 201) << created.body;
    json detail = json::parse(created.body);
    EXPECT_TRUE(detail["env"]["DB_PASSWORD"]["value"].is_null());
    EXPECT_EQ(detail["env"]["DB_PASSWORD"]["secret"], true);
    EXPECT_EQ(detail["env"]["IMAGE"]["value"], box);
    EXPECT_EQ(created.body.find("s3cret-value"), std::string::npos);
    EXPECT_EQ(test::readFile(stacksDir.path() / stack / "compose.yaml"), compose()) << "the file on disk is not what was sent";
    EXPECT_EQ(call("POST", "/api/stacks/" + stack + "/deploy", Role::viewer).status, 403);
    EXPECT_EQ(checked("GET", "/api/stacks/{name}", "/api/stacks/" + stack, Role::viewer).status, 200);
    EXPECT_EQ(call("GET", "/api/stacks/nope", Role::viewer).status, 404);
    auto logged = audit("stack.create");
    ASSERT_EQ(logged.size(), 1u);
    EXPECT_EQ(logged[0]["target"], stack);
}

TEST_F(StackRoutesTest, DeployThenAnUnchangedDeployRecreatesNothingAndDownKeepsTheVolume) {
    buildBox();
    ASSERT_EQ(call("POST", "/api/stacks", Role::developer, createBody()).status, 201);
    auto first = checked("POST", "/api/stacks/{name}/deploy", "/api/stacks/" + stack + "/deploy", Role::developer);
    ASSERT_EQ(first.status, 200) << first.body;
    json r1 = json::parse(first.body);
    ASSERT_EQ(r1["services"].size(), 2u);
    EXPECT_EQ(r1["services"][0]["service"], "db") << "db starts before web, which depends on it";
    auto ids = containerIds();
    ASSERT_EQ(ids.size(), 2u);
    auto second = checked("POST", "/api/stacks/{name}/deploy", "/api/stacks/" + stack + "/deploy", Role::developer);
    ASSERT_EQ(second.status, 200) << second.body;
    json r2 = json::parse(second.body);
    for (const auto& s : r2["services"]) EXPECT_EQ(s["outcome"], "unchanged") << s.dump();
    EXPECT_EQ(containerIds(), ids) << "an unchanged deploy recreated a container";

    auto listed = checked("GET", "/api/stacks", "/api/stacks", Role::viewer);
    json mine, all = json::parse(listed.body);
    for (const auto& s : all["stacks"])
        if (s["name"] == stack) mine = s;
    ASSERT_FALSE(mine.is_null()) << listed.body;
    EXPECT_EQ(mine["status"], "running");
    EXPECT_EQ(mine["running"], 2);

    auto stopped = checked("POST", "/api/stacks/{name}/stop", "/api/stacks/" + stack + "/stop", Role::developer, {{"service", "web"}});
    ASSERT_EQ(stopped.status, 200) << stopped.body;
    EXPECT_EQ(json::parse(stopped.body)["containers"], json::array({stack + "-web-1"}));
    auto down = checked("POST", "/api/stacks/{name}/down", "/api/stacks/" + stack + "/down", Role::developer);
    ASSERT_EQ(down.status, 200) << down.body;
    EXPECT_EQ(json::parse(down.body)["kept_volumes"], json::array({stack + "_data"}));
    EXPECT_TRUE(containerIds().empty());
    auto revisions = checked("GET", "/api/stacks/{name}/revisions", "/api/stacks/" + stack + "/revisions", Role::viewer);
    EXPECT_EQ(json::parse(revisions.body)["revisions"].size(), 2u);
    EXPECT_EQ(audit("stack.deploy").size(), 2u);
    auto removed = checked("DELETE", "/api/stacks/{name}", "/api/stacks/" + stack + "?volumes=1", Role::developer);
    ASSERT_EQ(removed.status, 200) << removed.body;
    EXPECT_EQ(json::parse(removed.body)["removed_volumes"], json::array({stack + "_data"}));
    EXPECT_FALSE(std::filesystem::exists(stacksDir.path() / stack));
}

TEST_F(StackRoutesTest, AnEditThatDoesNotValidateLeavesTheSavedFileByteForByte) {
    buildBox();
    ASSERT_EQ(call("POST", "/api/stacks", Role::developer, createBody()).status, 201);
    auto bad = call("PUT", "/api/stacks/" + stack, Role::developer, {{"compose", "services:\n  web: [not, a, mapping]\n"}});
    EXPECT_EQ(bad.status, 400) << bad.body;
    EXPECT_EQ(test::readFile(stacksDir.path() / stack / "compose.yaml"), compose());
    std::string edited = compose() + "# a trailing comment\n";
    auto good = checked("PUT", "/api/stacks/{name}", "/api/stacks/" + stack, Role::developer,
                        {{"compose", edited}, {"env", {{"IMAGE", box}, {"DB_PASSWORD", {{"value", nullptr}, {"secret", true}}}}}});
    ASSERT_EQ(good.status, 200) << good.body;
    EXPECT_EQ(test::readFile(stacksDir.path() / stack / "compose.yaml"), edited);
    EXPECT_EQ(json::parse(good.body)["compose"], edited);
    EXPECT_EQ(api.ctx.stackRepo.vars(stack)[0].value, "s3cret-value") << "a null secret lost its stored value";
}

TEST_F(StackRoutesTest, ADeveloperCannotDeployAPrivilegedServiceAndNothingIsCreated) {
    buildBox();
    json body = {{"name", stack}, {"compose", "services:\n  root:\n    image: " + box + "\n    privileged: true\n"}};
    ASSERT_EQ(call("POST", "/api/stacks", Role::developer, body).status, 201);
    auto refused = call("POST", "/api/stacks/" + stack + "/deploy", Role::developer);
    EXPECT_EQ(refused.status, 403) << refused.body;
    EXPECT_EQ(json::parse(refused.body)["error"]["code"], "policy_violation");
    EXPECT_TRUE(containerIds().empty());
    EXPECT_TRUE(rt->listNetworks({{stacks::labels::kProject, stack}}).empty());
    auto revisions = json::parse(call("GET", "/api/stacks/" + stack + "/revisions", Role::viewer).body)["revisions"];
    ASSERT_EQ(revisions.size(), 1u);
    EXPECT_EQ(revisions[0]["status"], "failed");
}

// A compose project started elsewhere (only its labels say so) is listed: adopted with its file when the label
// names a readable compose file, external otherwise; never a way to read another file through its label.
TEST_F(StackRoutesTest, ProjectsStartedElsewhereAreAdoptedOrExternalAndTheirLabelReadsNoOtherFile) {
    buildBox();
    test::TempDir elsewhere("rivetr-elsewhere");
    std::string file = "services:\n  job:\n    image: " + box + "\n";
    test::writeFile(elsewhere.path() / "compose.yaml", file);
    auto start = [&](const std::string& project, const std::string& configFiles) {
        runtime::ContainerSpec spec;
        spec.name = project + "-job-1";
        spec.image = box;
        spec.labels = {{stacks::labels::kProject, project}, {stacks::labels::kService, "job"}, {stacks::labels::kConfigFiles, configFiles}};
        return rt->runContainer(spec);
    };
    std::string adopted = stack, external = stack + "x";
    start(adopted, (elsewhere.path() / "compose.yaml").string());
    start(external, "/etc/passwd");
    auto seen = checked("GET", "/api/stacks/{name}", "/api/stacks/" + adopted, Role::viewer);
    ASSERT_EQ(seen.status, 200) << seen.body;
    json a = json::parse(seen.body);
    EXPECT_EQ(a["source"], "adopted");
    EXPECT_EQ(a["compose"], file);
    EXPECT_EQ(a["services"][0]["state"], "running");
    auto other = checked("GET", "/api/stacks/{name}", "/api/stacks/" + external, Role::viewer);
    ASSERT_EQ(other.status, 200) << other.body;
    json e = json::parse(other.body);
    EXPECT_EQ(e["source"], "external");
    EXPECT_EQ(e["compose"], "") << "a label made Rivetr read /etc/passwd";
    auto stopped = call("POST", "/api/stacks/" + external + "/stop", Role::developer);
    ASSERT_EQ(stopped.status, 200) << stopped.body;
    EXPECT_EQ(json::parse(stopped.body)["containers"], json::array({external + "-job-1"}));
    auto down = call("POST", "/api/stacks/" + adopted + "/down", Role::developer);
    EXPECT_EQ(down.status, 200) << down.body;
    for (const auto& c : rt->queryContainers(stacks::labels::projectQuery(external))) swallow([&] { rt->removeContainer(c.id, {.force = true}); });
}

}  // namespace
}  // namespace rivetr::api
