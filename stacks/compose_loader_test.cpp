// loadCompose end to end: real compose text in, a ComposeProject (or every issue with its line and key) out.
#include "stacks/compose_loader.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "stacks/compose_issue.hpp"

namespace rivetr::stacks {
namespace {

namespace fs = std::filesystem;
using containers::MountSpec;
using containers::PortSpec;

bool contains(const std::string& haystack, std::string_view needle) { return haystack.find(needle) != std::string::npos; }

// The 1-based line of the first occurrence of `needle` in `text` (0 and a failure when absent).
int lineOf(const std::string& text, std::string_view needle) {
    auto pos = text.find(needle);
    if (pos == std::string::npos) {
        ADD_FAILURE() << "no \"" << needle << "\" in the test's compose text";
        return 0;
    }
    return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(pos), '\n'));
}

std::string describe(const std::vector<ComposeIssue>& issues) {
    std::string out;
    for (const auto& i : issues) out += "  " + i.file + ":" + std::to_string(i.line) + " [" + i.key + "] " + i.message + "\n";
    return out;
}

// The issue with `key`, or nullptr and a failure listing the issues there are.
const ComposeIssue* issueAt(const std::vector<ComposeIssue>& issues, const std::string& key) {
    for (const auto& i : issues)
        if (i.key == key) return &i;
    ADD_FAILURE() << "no issue at key \"" << key << "\"; issues:\n" << describe(issues);
    return nullptr;
}

// The line of the issue with `key`; -1 (and a failure) when there is none.
int lineAt(const std::vector<ComposeIssue>& issues, const std::string& key) {
    const ComposeIssue* i = issueAt(issues, key);
    return i ? i->line : -1;
}

std::map<std::string, std::string> envMap(const containers::ContainerConfig& c) {
    return {c.env.begin(), c.env.end()};
}

class ComposeLoaderTest : public ::testing::Test {
protected:
    void SetUp() override {
        std::random_device random;
        const std::string unique = std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()) + "-" +
                                   std::to_string(random()) + std::to_string(random());
        dir = fs::temp_directory_path() / ("rivetr-compose-loader-" + unique);
        home = fs::temp_directory_path() / ("rivetr-compose-home-" + unique);
        fs::create_directories(dir);
        fs::create_directories(home);
    }
    void TearDown() override {
        std::error_code ignored;
        fs::remove_all(dir, ignored);
        fs::remove_all(home, ignored);
    }

    ComposeSource source(const std::string& text) const {
        ComposeSource s;
        s.text = text;
        s.directory = dir;
        s.projectName = "proj";
        s.variables = [vars = variables](std::string_view name) -> std::optional<std::string> {
            auto it = vars.find(std::string(name));
            if (it == vars.end()) return std::nullopt;
            return it->second;
        };
        s.profiles = profiles;
        s.homeDir = home;
        return s;
    }

    // Loads `text`; a ComposeInvalid becomes a failure listing its issues (and an empty project).
    ComposeProject load(const std::string& text) const {
        try {
            return loadCompose(source(text));
        } catch (const ComposeInvalid& e) {
            ADD_FAILURE() << "unexpected issues:\n" << describe(e.issues()) << "in:\n" << text;
        }
        return {};
    }

    // The issues loading `text` reports (a failure when it loads).
    std::vector<ComposeIssue> issuesOf(const std::string& text) const {
        try {
            loadCompose(source(text));
        } catch (const ComposeInvalid& e) {
            return e.issues();
        }
        ADD_FAILURE() << "loaded without an issue:\n" << text;
        return {};
    }

    // The one service of `text` (a failure and an empty spec when there is not exactly that one).
    ServiceSpec only(const std::string& text, const std::string& name = "web") const {
        ComposeProject p = load(text);
        const ServiceSpec* s = p.service(name);
        if (s == nullptr) {
            ADD_FAILURE() << "no service " << name;
            return {};
        }
        return *s;
    }

    void writeFile(const fs::path& path, const std::string& text) const {
        fs::create_directories(path.parent_path());
        std::ofstream(path) << text;
    }

    fs::path dir, home;
    std::map<std::string, std::string> variables;
    std::vector<std::string> profiles;
};

// ---------------------------------------------------------------- anchors and merge keys

using ComposeLoaderMerge = ComposeLoaderTest;

TEST_F(ComposeLoaderMerge, SingleAliasMergesAndLocalKeysWin) {
    const ComposeProject p = load(R"(x-common: &c {restart: always, labels: {a: "1"}}
services:
  web:
    <<: *c
    image: busybox
    restart: "no"
  worker:
    <<: *c
    image: busybox
)");
    ASSERT_EQ(p.services.size(), 2u);
    const ServiceSpec& web = *p.service("web");
    EXPECT_EQ(web.container.restartPolicy, "no");
    EXPECT_EQ(web.container.labels, (runtime::Labels{{"a", "1"}}));
    const ServiceSpec& worker = *p.service("worker");
    EXPECT_EQ(worker.container.restartPolicy, "always");
    EXPECT_EQ(worker.container.labels, (runtime::Labels{{"a", "1"}}));
}

TEST_F(ComposeLoaderMerge, ListOfAliasesFirstOneWinsAndLocalKeysWinOverAll) {
    const ComposeProject p = load(R"(x-c: &c {restart: always, labels: {a: "1"}}
x-d: &d {restart: on-failure, user: "1000", labels: {d: "2"}}
services:
  web:
    <<: [*c, *d]
    image: busybox
  local:
    <<: [*c, *d]
    image: busybox
    restart: unless-stopped
    labels: {own: "yes"}
)");
    const ServiceSpec& web = *p.service("web");
    EXPECT_EQ(web.container.restartPolicy, "always");  // *c comes first in the list
    EXPECT_EQ(web.container.user, "1000");             // only *d has it
    EXPECT_EQ(web.container.labels, (runtime::Labels{{"a", "1"}}));
    const ServiceSpec& local = *p.service("local");
    EXPECT_EQ(local.container.restartPolicy, "unless-stopped");
    EXPECT_EQ(local.container.user, "1000");
    EXPECT_EQ(local.container.labels, (runtime::Labels{{"own", "yes"}}));  // a merge is shallow
}

// ---------------------------------------------------------------- interpolation

using ComposeLoaderInterpolation = ComposeLoaderTest;

TEST_F(ComposeLoaderInterpolation, DefaultsEscapesAndUnsetVariables) {
    const std::string text = R"(services:
  web:
    image: "busybox:${TAG:-latest}"
    command: echo $$HOME
    environment:
      PRICE: "$$5"
      GREETING: "hello ${WHO}"
      MISSING: "a${NOT_SET}b"
)";
    variables = {{"WHO", "world"}};
    const ComposeProject p = load(text);
    const ServiceSpec& web = p.services.at(0);
    EXPECT_EQ(web.container.image, "busybox:latest");
    EXPECT_EQ(web.container.command, (std::vector<std::string>{"echo", "$HOME"}));
    auto env = envMap(web.container);
    EXPECT_EQ(env["PRICE"], "$5");
    EXPECT_EQ(env["GREETING"], "hello world");
    EXPECT_EQ(env["MISSING"], "ab");
    EXPECT_EQ(p.unsetVariables, (std::vector<std::string>{"NOT_SET"}));  // TAG had a default

    variables["TAG"] = "1.2";
    EXPECT_EQ(load(text).services.at(0).container.image, "busybox:1.2");
}

TEST_F(ComposeLoaderInterpolation, RequiredVariableMissingIsAnIssueAtItsLine) {
    const std::string text = R"(services:
  web:
    image: "busybox:${V:?need V}"
)";
    auto issues = issuesOf(text);
    ASSERT_EQ(issues.size(), 1u) << describe(issues);
    EXPECT_EQ(issues[0].file, "compose.yaml");
    EXPECT_EQ(issues[0].line, 3);
    EXPECT_EQ(issues[0].key, "services.web.image");
    EXPECT_TRUE(contains(issues[0].message, "need V")) << issues[0].message;

    variables["V"] = "1";
    EXPECT_EQ(load(text).services.at(0).container.image, "busybox:1");
}

TEST_F(ComposeLoaderInterpolation, ProcessEnvironmentIsNeverUsed) {
    ASSERT_EQ(::setenv("RIVETR_LOADER_TEST_LEAK", "leaked", 1), 0);
    const ComposeProject p = load(R"(services:
  web:
    image: "busybox${RIVETR_LOADER_TEST_LEAK}"
    environment:
      - FROM_TEMPLATE=${RIVETR_LOADER_TEST_LEAK}
      - RIVETR_LOADER_TEST_LEAK
)");
    ::unsetenv("RIVETR_LOADER_TEST_LEAK");
    const ServiceSpec& web = p.services.at(0);
    EXPECT_EQ(web.container.image, "busybox");
    auto env = envMap(web.container);
    EXPECT_EQ(env["FROM_TEMPLATE"], "");
    EXPECT_EQ(env.count("RIVETR_LOADER_TEST_LEAK"), 0u);  // `- NAME` unset in the stack: left out
    EXPECT_NE(std::find(p.unsetVariables.begin(), p.unsetVariables.end(), "RIVETR_LOADER_TEST_LEAK"), p.unsetVariables.end());
}

// ---------------------------------------------------------------- unknown and unsupported keys

using ComposeLoaderKeys = ComposeLoaderTest;

TEST_F(ComposeLoaderKeys, UnknownServiceKeyNamesKeyAndLine) {
    const std::string text = R"(services:
  web:
    image: busybox
    imagee: x
)";
    auto issues = issuesOf(text);
    ASSERT_EQ(issues.size(), 1u) << describe(issues);
    EXPECT_EQ(issues[0].key, "services.web.imagee");
    EXPECT_EQ(issues[0].line, 4);
    EXPECT_TRUE(contains(issues[0].message, "imagee"));
}

TEST_F(ComposeLoaderKeys, UnknownTopLevelKey) {
    const std::string text = R"(services:
  web:
    image: busybox
servces:
  db:
    image: postgres
)";
    auto issues = issuesOf(text);
    ASSERT_EQ(issues.size(), 1u) << describe(issues);
    EXPECT_EQ(issues[0].key, "servces");
    EXPECT_EQ(issues[0].line, 4);
}

TEST_F(ComposeLoaderKeys, ExtendsAndIncludeAreNotSupportedYet) {
    const std::string text = R"(include:
  - other.yaml
services:
  web:
    extends:
      service: base
    image: busybox
)";
    auto issues = issuesOf(text);
    ASSERT_EQ(issues.size(), 2u) << describe(issues);
    if (auto i = issueAt(issues, "include")) {
        EXPECT_EQ(i->line, 1);
        EXPECT_TRUE(contains(i->message, "not supported yet")) << i->message;
    }
    if (auto i = issueAt(issues, "services.web.extends")) {
        EXPECT_EQ(i->line, lineOf(text, "extends:"));
        EXPECT_TRUE(contains(i->message, "not supported yet")) << i->message;
    }
}

TEST_F(ComposeLoaderKeys, ExtensionKeysAreAcceptedEverywhereAndVersionIsIgnored) {
    fs::create_directories(dir / "conf");
    const ComposeProject p = load(R"(version: "3.8"
x-top: {anything: [1, 2]}
services:
  web:
    x-note: hello
    image: busybox
    ports:
      - target: 80
        published: 8080
        x-port-note: yes
    volumes:
      - type: bind
        source: ./conf
        target: /conf
        x-mount-note: yes
        bind: {create_host_path: true, x-option-note: yes}
    healthcheck:
      test: ["CMD", "true"]
      x-hc: 1
    logging:
      driver: json-file
      x-log: 1
    deploy:
      x-deploy: 1
    depends_on:
      db:
        condition: service_started
        x-dep: 1
    networks:
      front:
        x-net: 1
    secrets:
      - token
  db:
    image: postgres
    networks: [front]
networks:
  front:
    x-decl: 1
volumes:
  data:
    x-decl: 1
secrets:
  token:
    file: ./token.txt
    x-decl: 1
)");
    ASSERT_EQ(p.services.size(), 2u);
    const ServiceSpec& web = *p.service("web");
    ASSERT_EQ(p.secrets.size(), 1u);
    EXPECT_EQ(p.secrets[0].file, (dir / "token.txt").string());
    ASSERT_EQ(web.container.ports.size(), 1u);
    EXPECT_EQ(web.container.ports[0].host, 8080);
    ASSERT_EQ(web.container.mounts.size(), 1u);
    EXPECT_EQ(web.container.mounts[0].source, (dir / "conf").string());
}

TEST_F(ComposeLoaderKeys, EveryIssueOfTheFileIsReported) {
    const std::string text = R"(foo: bar
include: [a.yaml]
services:
  web:
    image: busybox
    imagee: x
  db:
    extends: base
    image: postgres
  cache:
    image: redis
    ports: ["99999"]
)";
    auto issues = issuesOf(text);
    ASSERT_EQ(issues.size(), 5u) << describe(issues);
    EXPECT_EQ(lineAt(issues, "foo"), 1);
    EXPECT_EQ(lineAt(issues, "include"), 2);
    EXPECT_EQ(lineAt(issues, "services.web.imagee"), 6);
    EXPECT_EQ(lineAt(issues, "services.db.extends"), 8);
    EXPECT_EQ(lineAt(issues, "services.cache.ports[0]"), 12);
}

// ---------------------------------------------------------------- ports

using ComposeLoaderPorts = ComposeLoaderTest;

std::string withPort(const std::string& spec) {
    return "services:\n  web:\n    image: busybox\n    ports:\n      - \"" + spec + "\"\n";
}

void expectPorts(const std::vector<PortSpec>& got, const std::vector<PortSpec>& want) {
    ASSERT_EQ(got.size(), want.size());
    for (std::size_t i = 0; i < got.size(); ++i) {
        SCOPED_TRACE("binding " + std::to_string(i));
        EXPECT_EQ(got[i].container, want[i].container);
        EXPECT_EQ(got[i].host, want[i].host);
        EXPECT_EQ(got[i].hostIp, want[i].hostIp);
        EXPECT_EQ(got[i].protocol, want[i].protocol);
    }
}

TEST_F(ComposeLoaderPorts, ShortSyntax) {
    const struct {
        std::string spec;
        std::vector<PortSpec> want;
    } cases[] = {
        {"80", {{80, 0, "", "tcp"}}},
        {"8080:80", {{80, 8080, "", "tcp"}}},
        {"127.0.0.1:8080:80/udp", {{80, 8080, "127.0.0.1", "udp"}}},
        {"[::1]:9000:9000", {{9000, 9000, "::1", "tcp"}}},
        {"127.0.0.1::53/udp", {{53, 0, "127.0.0.1", "udp"}}},
        {"3000-3002:4000-4002", {{4000, 3000, "", "tcp"}, {4001, 3001, "", "tcp"}, {4002, 3002, "", "tcp"}}},
        {"5000-5001", {{5000, 0, "", "tcp"}, {5001, 0, "", "tcp"}}},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.spec);
        expectPorts(only(withPort(c.spec)).container.ports, c.want);
    }
}

TEST_F(ComposeLoaderPorts, UnquotedNumberAndLongSyntax) {
    const ServiceSpec web = only(R"(services:
  web:
    image: busybox
    ports:
      - 443
      - target: 80
        published: "8081"
        host_ip: 127.0.0.1
      - target: 53
        protocol: udp
)");
    expectPorts(web.container.ports, {{443, 0, "", "tcp"}, {80, 8081, "127.0.0.1", "tcp"}, {53, 0, "", "udp"}});
}

TEST_F(ComposeLoaderPorts, BadPortsAreIssuesAtTheirItem) {
    const struct {
        std::string spec, message;
    } cases[] = {
        {"99999:80", "99999"},
        {"8080:0", "\"0\""},
        {"3000-3002:4000-4001", "differ in size"},
        {"80/foo", "protocol \"foo\""},
        {"http:80", "\"http\""},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.spec);
        auto issues = issuesOf(withPort(c.spec));
        ASSERT_EQ(issues.size(), 1u) << describe(issues);
        EXPECT_EQ(issues[0].key, "services.web.ports[0]");
        EXPECT_EQ(issues[0].line, 5);
        EXPECT_TRUE(contains(issues[0].message, c.message)) << issues[0].message;
    }
}

TEST_F(ComposeLoaderPorts, LongSyntaxWithoutTargetIsAnIssue) {
    auto issues = issuesOf(R"(services:
  web:
    image: busybox
    ports:
      - published: 8080
)");
    ASSERT_EQ(issues.size(), 1u) << describe(issues);
    EXPECT_EQ(issues[0].key, "services.web.ports[0]");
    EXPECT_TRUE(contains(issues[0].message, "target")) << issues[0].message;
}

// ---------------------------------------------------------------- volumes

using ComposeLoaderVolumes = ComposeLoaderTest;

std::string withVolume(const std::string& spec, const std::string& topLevel = "") {
    return "services:\n  web:\n    image: busybox\n    volumes:\n      - \"" + spec + "\"\n" + topLevel;
}

TEST_F(ComposeLoaderVolumes, NamedVolumeKeepsItsKeyAndNeedsADeclaration) {
    const ComposeProject p = load(withVolume("data:/var/lib/x", "volumes:\n  data: {}\n"));
    const auto& mounts = p.services.at(0).container.mounts;
    ASSERT_EQ(mounts.size(), 1u);
    EXPECT_EQ(mounts[0].type, "volume");
    EXPECT_EQ(mounts[0].source, "data");
    EXPECT_EQ(mounts[0].target, "/var/lib/x");
    EXPECT_FALSE(mounts[0].readOnly);
    ASSERT_NE(p.volume("data"), nullptr);
    EXPECT_EQ(p.volume("data")->name, "proj_data");

    auto issues = issuesOf(withVolume("data:/var/lib/x"));
    ASSERT_EQ(issues.size(), 1u) << describe(issues);
    EXPECT_EQ(issues[0].key, "services.web.volumes");
    EXPECT_EQ(issues[0].line, 4);
    EXPECT_TRUE(contains(issues[0].message, "\"data\"")) << issues[0].message;
}

TEST_F(ComposeLoaderVolumes, MissingDirectoryUnderTheStackIsCreatedLater) {
    const ComposeProject p = load(withVolume("./conf:/etc/conf:ro"));
    const auto& mounts = p.services.at(0).container.mounts;
    ASSERT_EQ(mounts.size(), 1u);
    EXPECT_EQ(mounts[0].type, "bind");
    EXPECT_EQ(mounts[0].source, (dir / "conf").string());
    EXPECT_EQ(mounts[0].target, "/etc/conf");
    EXPECT_TRUE(mounts[0].readOnly);
    EXPECT_EQ(p.createDirectories, (std::vector<std::string>{(dir / "conf").string()}));
}

TEST_F(ComposeLoaderVolumes, ExistingBindSourceIsNotCreated) {
    fs::create_directories(dir / "conf");
    writeFile(dir / "cfg.yml", "a: 1\n");
    const ComposeProject p = load(R"(services:
  web:
    image: busybox
    volumes:
      - ./conf:/etc/conf
      - ./cfg.yml:/cfg.yml:ro
)");
    const auto& mounts = p.services.at(0).container.mounts;
    ASSERT_EQ(mounts.size(), 2u);
    EXPECT_EQ(mounts[0].source, (dir / "conf").string());
    EXPECT_EQ(mounts[1].source, (dir / "cfg.yml").string());
    EXPECT_TRUE(mounts[1].readOnly);
    EXPECT_TRUE(p.createDirectories.empty());
}

TEST_F(ComposeLoaderVolumes, MissingFileBindIsAnIssue) {
    auto issues = issuesOf(withVolume("./cfg.yml:/cfg.yml"));
    ASSERT_EQ(issues.size(), 1u) << describe(issues);
    EXPECT_EQ(issues[0].key, "services.web.volumes[0]");
    EXPECT_EQ(issues[0].line, 5);
    EXPECT_TRUE(contains(issues[0].message, "does not exist")) << issues[0].message;
    EXPECT_TRUE(contains(issues[0].message, (dir / "cfg.yml").string())) << issues[0].message;
}

TEST_F(ComposeLoaderVolumes, TildeResolvesAgainstTheHomeDirectory) {
    fs::create_directories(home / "x");
    const auto mounts = only(withVolume("~/x:/x")).container.mounts;
    ASSERT_EQ(mounts.size(), 1u);
    EXPECT_EQ(mounts[0].type, "bind");
    EXPECT_EQ(mounts[0].source, (home / "x").string());

    auto issues = issuesOf(withVolume("~/not-there:/x"));  // outside the stack: never created
    ASSERT_EQ(issues.size(), 1u) << describe(issues);
    EXPECT_TRUE(contains(issues[0].message, "does not exist")) << issues[0].message;
}

TEST_F(ComposeLoaderVolumes, MissingAbsolutePathIsAnIssue) {
    const fs::path missing = home / "absent";
    std::vector<ComposeIssue> issues = issuesOf(withVolume(missing.string() + ":/x"));
    ASSERT_EQ(issues.size(), 1u) << describe(issues);
    EXPECT_EQ(issues[0].key, "services.web.volumes[0]");
    EXPECT_TRUE(contains(issues[0].message, "does not exist")) << issues[0].message;

    // A path stat() refuses (a name too long) is a missing source too, not an exception.
    issues = issuesOf(withVolume("/" + std::string(300, 'a') + ":/x"));
    ASSERT_EQ(issues.size(), 1u) << describe(issues);
    EXPECT_TRUE(contains(issues[0].message, "does not exist")) << issues[0].message;

    const auto mounts = only(withVolume(home.string() + ":/h")).container.mounts;  // an existing one is fine
    ASSERT_EQ(mounts.size(), 1u);
    EXPECT_EQ(mounts[0].source, home.string());
}

TEST_F(ComposeLoaderVolumes, AnonymousVolume) {
    const ComposeProject p = load(withVolume("/cache"));
    const auto& mounts = p.services.at(0).container.mounts;
    ASSERT_EQ(mounts.size(), 1u);
    EXPECT_EQ(mounts[0].type, "volume");
    EXPECT_EQ(mounts[0].source, "");
    EXPECT_EQ(mounts[0].target, "/cache");
    EXPECT_TRUE(p.volumes.empty());
}

TEST_F(ComposeLoaderVolumes, LongSyntaxTmpfsBindAndVolume) {
    fs::create_directories(dir / "conf");
    const auto mounts = only(R"(services:
  web:
    image: busybox
    volumes:
      - type: tmpfs
        target: /scratch
        tmpfs:
          size: 64m
      - type: bind
        source: ./conf
        target: /etc/conf
        read_only: true
      - type: volume
        source: data
        target: /data
        volume:
          nocopy: true
volumes:
  data:
)").container.mounts;
    ASSERT_EQ(mounts.size(), 3u);
    EXPECT_EQ(mounts[0].type, "tmpfs");
    EXPECT_EQ(mounts[0].target, "/scratch");
    EXPECT_EQ(mounts[0].engineExtra["TmpfsOptions"]["SizeBytes"], 67108864);
    EXPECT_EQ(mounts[1].type, "bind");
    EXPECT_EQ(mounts[1].source, (dir / "conf").string());
    EXPECT_TRUE(mounts[1].readOnly);
    EXPECT_EQ(mounts[2].type, "volume");
    EXPECT_EQ(mounts[2].source, "data");
    EXPECT_EQ(mounts[2].engineExtra["VolumeOptions"]["NoCopy"], true);
}

TEST_F(ComposeLoaderVolumes, BadShortSyntaxIsAnIssue) {
    const struct {
        std::string spec, message;
    } cases[] = {
        {"data:/x:rx", "unknown mount mode \"rx\""},
        {"a:/b:ro:extra", "[source:]target[:mode]"},
        {"./conf:relative", "absolute"},
        {"./conf::ro", "absolute"},
        {"./conf:", "absolute"},
        {"cache", "absolute"},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.spec);
        auto issues = issuesOf(withVolume(c.spec, "volumes:\n  data:\n"));
        ASSERT_EQ(issues.size(), 1u) << describe(issues);
        EXPECT_EQ(issues[0].key, "services.web.volumes[0]");
        EXPECT_TRUE(contains(issues[0].message, c.message)) << issues[0].message;
    }
}

// ---------------------------------------------------------------- depends_on

using ComposeLoaderDependsOn = ComposeLoaderTest;

TEST_F(ComposeLoaderDependsOn, ListForm) {
    const ComposeProject p = load(R"(services:
  web:
    image: busybox
    depends_on: [db, cache]
  db:
    image: postgres
  cache:
    image: redis
)");
    const auto& deps = p.service("web")->dependsOn;
    ASSERT_EQ(deps.size(), 2u);
    EXPECT_EQ(deps[0].service, "db");
    EXPECT_EQ(deps[1].service, "cache");
    for (const auto& d : deps) {
        EXPECT_EQ(d.condition, DependencyCondition::Started);
        EXPECT_TRUE(d.required);
        EXPECT_FALSE(d.restart);
    }
}

TEST_F(ComposeLoaderDependsOn, LongFormConditionsRestartRequired) {
    const ComposeProject p = load(R"(services:
  web:
    image: busybox
    depends_on:
      db:
        condition: service_healthy
        restart: true
      migrate:
        condition: service_completed_successfully
        required: false
      cache:
  db:
    image: postgres
    healthcheck:
      test: pg_isready
  migrate:
    image: busybox
  cache:
    image: redis
)");
    const auto& deps = p.service("web")->dependsOn;
    ASSERT_EQ(deps.size(), 3u);
    EXPECT_EQ(deps[0].service, "db");
    EXPECT_EQ(deps[0].condition, DependencyCondition::Healthy);
    EXPECT_TRUE(deps[0].restart);
    EXPECT_TRUE(deps[0].required);
    EXPECT_EQ(deps[1].service, "migrate");
    EXPECT_EQ(deps[1].condition, DependencyCondition::CompletedSuccessfully);
    EXPECT_FALSE(deps[1].restart);
    EXPECT_FALSE(deps[1].required);
    EXPECT_EQ(deps[2].service, "cache");
    EXPECT_EQ(deps[2].condition, DependencyCondition::Started);
}

TEST_F(ComposeLoaderDependsOn, UnknownServiceOrConditionIsAnIssue) {
    const std::string text = R"(services:
  web:
    image: busybox
    depends_on:
      - dbb
  db:
    image: postgres
)";
    auto issues = issuesOf(text);
    ASSERT_EQ(issues.size(), 1u) << describe(issues);
    EXPECT_EQ(issues[0].key, "services.web.depends_on");
    EXPECT_EQ(issues[0].line, 4);
    EXPECT_TRUE(contains(issues[0].message, "\"dbb\"")) << issues[0].message;

    issues = issuesOf(R"(services:
  web:
    image: busybox
    depends_on:
      db:
        condition: service_ready
  db:
    image: postgres
)");
    ASSERT_EQ(issues.size(), 1u) << describe(issues);
    EXPECT_EQ(issues[0].key, "services.web.depends_on.db.condition");
    EXPECT_EQ(issues[0].line, 6);
}

TEST_F(ComposeLoaderDependsOn, CycleIsOneIssue) {
    auto issues = issuesOf(R"(services:
  a:
    image: busybox
    depends_on: [b]
  b:
    image: busybox
    depends_on: [a]
  c:
    image: busybox
    depends_on: [a]
)");
    ASSERT_EQ(issues.size(), 1u) << describe(issues);
    EXPECT_TRUE(contains(issues[0].message, "cycle")) << issues[0].message;
    EXPECT_TRUE(issues[0].key == "services.a.depends_on" || issues[0].key == "services.b.depends_on") << issues[0].key;

    issues = issuesOf("services:\n  a:\n    image: busybox\n    depends_on: [a]\n");
    ASSERT_EQ(issues.size(), 1u) << describe(issues);
    EXPECT_TRUE(contains(issues[0].message, "cycle")) << issues[0].message;
}

TEST_F(ComposeLoaderDependsOn, HealthyOnADisabledHealthcheckIsAnIssue) {
    auto issues = issuesOf(R"(services:
  web:
    image: busybox
    depends_on:
      db: {condition: service_healthy}
  db:
    image: postgres
    healthcheck:
      disable: true
)");
    ASSERT_EQ(issues.size(), 1u) << describe(issues);
    EXPECT_EQ(issues[0].key, "services.web.depends_on");
    EXPECT_EQ(issues[0].line, 4);
    EXPECT_TRUE(contains(issues[0].message, "disabled")) << issues[0].message;
}

TEST_F(ComposeLoaderDependsOn, ProfileDisabledDependency) {
    const std::string base = R"(services:
  web:
    image: busybox
    depends_on:
      debug:
        required: REQUIRED
  debug:
    image: busybox
    profiles: [debug]
)";
    auto withRequired = [&](const std::string& value) {
        std::string text = base;
        text.replace(text.find("REQUIRED"), 8, value);
        return text;
    };
    auto issues = issuesOf(withRequired("true"));
    ASSERT_EQ(issues.size(), 1u) << describe(issues);
    EXPECT_EQ(issues[0].key, "services.web.depends_on");
    EXPECT_TRUE(contains(issues[0].message, "profiles")) << issues[0].message;

    const ComposeProject p = load(withRequired("false"));
    ASSERT_EQ(p.services.size(), 1u);
    EXPECT_TRUE(p.service("web")->dependsOn.empty());

    profiles = {"debug"};  // enabled, the dependency stays
    const ComposeProject enabled = load(withRequired("true"));
    ASSERT_EQ(enabled.service("web")->dependsOn.size(), 1u);
}

// ---------------------------------------------------------------- resources

using ComposeLoaderResources = ComposeLoaderTest;

TEST_F(ComposeLoaderResources, DeployLimitsAndReservations) {
    const ServiceSpec web = only(R"(services:
  web:
    image: busybox
    deploy:
      resources:
        limits: {memory: 64M, cpus: '0.5', pids: 100}
        reservations:
          memory: 32m
)");
    EXPECT_EQ(web.container.memory, 67108864);
    EXPECT_DOUBLE_EQ(web.container.cpus, 0.5);
    EXPECT_EQ(web.container.engineHostConfig["MemoryReservation"], 33554432);
    EXPECT_EQ(web.container.engineHostConfig["PidsLimit"], 100);
}

TEST_F(ComposeLoaderResources, LegacyKeys) {
    const ServiceSpec web = only(R"(services:
  web:
    image: busybox
    mem_limit: 128m
    cpus: 1.5
    mem_reservation: 1g
    memswap_limit: -1
    shm_size: 512k
)");
    EXPECT_EQ(web.container.memory, 134217728);
    EXPECT_DOUBLE_EQ(web.container.cpus, 1.5);
    EXPECT_EQ(web.container.engineHostConfig["MemoryReservation"], 1073741824);
    EXPECT_EQ(web.container.engineHostConfig["ShmSize"], 524288);
    EXPECT_EQ(web.container.engineHostConfig["MemorySwap"], -1);  // unlimited swap
}

TEST_F(ComposeLoaderResources, DeployRestartPolicy) {
    const ServiceSpec web = only(R"(services:
  web:
    image: busybox
    deploy:
      replicas: 1
      restart_policy:
        condition: on-failure
        max_attempts: 3
)");
    EXPECT_EQ(web.container.restartPolicy, "on-failure");
    EXPECT_EQ(web.container.restartMaxRetries, 3);
}

TEST_F(ComposeLoaderResources, ReplicasOtherThanOneAndBadSizesAreIssues) {
    auto issues = issuesOf(R"(services:
  web:
    image: busybox
    deploy:
      replicas: 2
  db:
    image: postgres
    mem_limit: lots
)");
    ASSERT_EQ(issues.size(), 2u) << describe(issues);
    if (auto i = issueAt(issues, "services.web.deploy.replicas")) {
        EXPECT_EQ(i->line, 5);
        EXPECT_TRUE(contains(i->message, "replicas")) << i->message;
    }
    EXPECT_EQ(lineAt(issues, "services.db.mem_limit"), 8);
}

// ---------------------------------------------------------------- healthcheck

using ComposeLoaderHealthcheck = ComposeLoaderTest;

TEST_F(ComposeLoaderHealthcheck, StringTestIsAShellCommand) {
    const ServiceSpec web = only(R"(services:
  web:
    image: busybox
    healthcheck:
      test: curl -f http://localhost/ || exit 1
      interval: 1m30s
      timeout: 500ms
      start_period: 40s
      retries: 3
)");
    ASSERT_TRUE(web.container.healthcheck);
    const auto& h = *web.container.healthcheck;
    EXPECT_EQ(h.test, (std::vector<std::string>{"CMD-SHELL", "curl -f http://localhost/ || exit 1"}));
    EXPECT_EQ(h.intervalNs, 90'000'000'000);
    EXPECT_EQ(h.timeoutNs, 500'000'000);
    EXPECT_EQ(h.startPeriodNs, 40'000'000'000);
    EXPECT_EQ(h.retries, 3);
}

TEST_F(ComposeLoaderHealthcheck, ListTestIsKept) {
    const ServiceSpec web = only(R"(services:
  web:
    image: busybox
    healthcheck:
      test: ["CMD", "wget", "-q", "-O-", "http://localhost"]
)");
    ASSERT_TRUE(web.container.healthcheck);
    EXPECT_EQ(web.container.healthcheck->test, (std::vector<std::string>{"CMD", "wget", "-q", "-O-", "http://localhost"}));
    EXPECT_EQ(web.container.healthcheck->intervalNs, 0);
}

TEST_F(ComposeLoaderHealthcheck, Durations) {
    const struct {
        std::string text;
        std::int64_t ns;
    } cases[] = {
        {"1m30s", 90'000'000'000}, {"500ms", 500'000'000}, {"10s", 10'000'000'000}, {"1h", 3'600'000'000'000},
        {"1.5s", 1'500'000'000},   {"2.3s", 2'300'000'000}, {"250us", 250'000},     {"15", 15'000'000'000},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.text);
        const ServiceSpec web = only("services:\n  web:\n    image: busybox\n    healthcheck:\n      interval: " + c.text + "\n");
        ASSERT_TRUE(web.container.healthcheck);
        EXPECT_EQ(web.container.healthcheck->intervalNs, c.ns);
    }
}

TEST_F(ComposeLoaderHealthcheck, DisableTurnsTheImagesOff) {
    const ServiceSpec web = only(R"(services:
  web:
    image: busybox
    healthcheck:
      disable: true
)");
    ASSERT_TRUE(web.container.healthcheck);
    EXPECT_EQ(web.container.healthcheck->test, (std::vector<std::string>{"NONE"}));
}

TEST_F(ComposeLoaderHealthcheck, BadValuesAreIssues) {
    auto issues = issuesOf(R"(services:
  web:
    image: busybox
    healthcheck:
      test: ["curl", "x"]
  db:
    image: busybox
    healthcheck:
      interval: soon
  cache:
    image: busybox
    healthcheck:
      retries: many
)");
    ASSERT_EQ(issues.size(), 3u) << describe(issues);
    EXPECT_EQ(lineAt(issues, "services.web.healthcheck.test"), 5);
    EXPECT_EQ(lineAt(issues, "services.db.healthcheck.interval"), 9);
    EXPECT_EQ(lineAt(issues, "services.cache.healthcheck.retries"), 13);
}

// ---------------------------------------------------------------- environment

using ComposeLoaderEnvironment = ComposeLoaderTest;

TEST_F(ComposeLoaderEnvironment, MapAndListForms) {
    variables = {{"FROM_STACK", "stack-value"}, {"EMPTY_IN_STACK", ""}};
    const ComposeProject p = load(R"(services:
  map:
    image: busybox
    environment:
      A: "1"
      PORT: 8080
      DEBUG: true
      FROM_STACK:
      NOT_IN_STACK:
      BLANK: ""
  list:
    image: busybox
    environment:
      - A=1
      - B=x=y
      - FROM_STACK
      - EMPTY_IN_STACK
      - NOT_IN_STACK
      - C=
)");
    using Env = std::vector<std::pair<std::string, std::string>>;
    EXPECT_EQ(p.service("map")->container.env,
              (Env{{"A", "1"}, {"PORT", "8080"}, {"DEBUG", "true"}, {"FROM_STACK", "stack-value"}, {"BLANK", ""}}));
    EXPECT_EQ(p.service("list")->container.env,
              (Env{{"A", "1"}, {"B", "x=y"}, {"FROM_STACK", "stack-value"}, {"EMPTY_IN_STACK", ""}, {"C", ""}}));
}

TEST_F(ComposeLoaderEnvironment, EnvFileComesFirstAndEnvironmentOverridesIt) {
    writeFile(dir / "web.env", "# defaults\nA=from-file\nB=from-file\nexport C=\"quoted value\"\n");
    writeFile(dir / "env" / "more.env", "B=from-second-file\nD=4\n");
    const ServiceSpec web = only(R"(services:
  web:
    image: busybox
    environment:
      A: from-environment
    env_file:
      - web.env
      - ./env/more.env
      - path: ./optional.env
        required: false
)");
    using Env = std::vector<std::pair<std::string, std::string>>;
    EXPECT_EQ(web.container.env, (Env{{"A", "from-environment"}, {"B", "from-second-file"}, {"C", "quoted value"}, {"D", "4"}}));
}

TEST_F(ComposeLoaderEnvironment, MissingRequiredEnvFileIsAnIssue) {
    for (const std::string form : {"env_file: missing.env", "env_file:\n      - path: missing.env\n        required: true"}) {
        SCOPED_TRACE(form);
        auto issues = issuesOf("services:\n  web:\n    image: busybox\n    " + form + "\n");
        ASSERT_EQ(issues.size(), 1u) << describe(issues);
        EXPECT_EQ(issues[0].key, "services.web.env_file");
        EXPECT_EQ(issues[0].line, 4 + (form.find('\n') != std::string::npos));  // the key's line, or the list's
        EXPECT_TRUE(contains(issues[0].message, (dir / "missing.env").string())) << issues[0].message;
    }
}

TEST_F(ComposeLoaderEnvironment, EnvFileThatIsADirectoryOrNoPathIsAnIssue) {
    fs::create_directories(dir / "envdir");
    for (const std::string form : {"env_file: envdir", "env_file:\n      - path:", "env_file: \"\""}) {
        SCOPED_TRACE(form);
        auto issues = issuesOf("services:\n  web:\n    image: busybox\n    " + form + "\n");
        ASSERT_EQ(issues.size(), 1u) << describe(issues);
        EXPECT_EQ(issues[0].key, "services.web.env_file");
        EXPECT_TRUE(contains(issues[0].message, "cannot be read")) << issues[0].message;
    }
}

TEST_F(ComposeLoaderEnvironment, BadEnvFileLineNamesTheEnvFile) {
    writeFile(dir / "bad.env", "A=1\nthis is not an assignment\n");
    auto issues = issuesOf("services:\n  web:\n    image: busybox\n    env_file: bad.env\n");
    ASSERT_EQ(issues.size(), 1u) << describe(issues);
    EXPECT_EQ(issues[0].file, (dir / "bad.env").string());
    EXPECT_EQ(issues[0].line, 2);
}

// ---------------------------------------------------------------- networks

using ComposeLoaderNetworks = ComposeLoaderTest;

TEST_F(ComposeLoaderNetworks, ListAndMapForms) {
    const ComposeProject p = load(R"(services:
  web:
    image: busybox
    networks: [front, back]
  api:
    image: busybox
    networks:
      back:
        aliases: [api.internal, api2]
        ipv4_address: 172.20.0.5
      front:
networks:
  front:
  back:
    driver: bridge
    internal: true
    ipam:
      config:
        - subnet: 172.20.0.0/16
)");
    const auto& web = p.service("web")->networks;
    ASSERT_EQ(web.size(), 2u);
    EXPECT_EQ(web[0].key, "front");
    EXPECT_EQ(web[1].key, "back");
    const auto& api = p.service("api")->networks;
    ASSERT_EQ(api.size(), 2u);
    EXPECT_EQ(api[0].key, "back");
    EXPECT_EQ(api[0].aliases, (std::vector<std::string>{"api.internal", "api2"}));
    EXPECT_EQ(api[0].ipv4Address, "172.20.0.5");
    EXPECT_EQ(api[1].key, "front");
    EXPECT_TRUE(api[1].aliases.empty());

    ASSERT_EQ(p.networks.size(), 2u);  // nobody uses the default network
    EXPECT_EQ(p.network("front")->name, "proj_front");
    const NetworkDecl& back = *p.network("back");
    EXPECT_EQ(back.name, "proj_back");
    EXPECT_EQ(back.driver, "bridge");
    EXPECT_TRUE(back.internal);
    EXPECT_EQ(back.subnets, (std::vector<std::string>{"172.20.0.0/16"}));
}

TEST_F(ComposeLoaderNetworks, UndeclaredNetworkIsAnIssue) {
    auto issues = issuesOf(R"(services:
  web:
    image: busybox
    networks: [front]
)");
    ASSERT_EQ(issues.size(), 1u) << describe(issues);
    EXPECT_EQ(issues[0].key, "services.web.networks");
    EXPECT_EQ(issues[0].line, 4);
    EXPECT_TRUE(contains(issues[0].message, "\"front\"")) << issues[0].message;
}

TEST_F(ComposeLoaderNetworks, DefaultNetworkIsAddedWhenUsed) {
    const ComposeProject p = load("services:\n  web:\n    image: busybox\n");
    ASSERT_EQ(p.networks.size(), 1u);
    EXPECT_EQ(p.networks[0].key, "default");
    EXPECT_EQ(p.networks[0].name, "proj_default");
    EXPECT_FALSE(p.networks[0].external);
    EXPECT_TRUE(p.services[0].networks.empty());
}

TEST_F(ComposeLoaderNetworks, NetworkModeHostNeedsNoDefaultNetwork) {
    const std::string hostOnly = "services:\n  web:\n    image: busybox\n    network_mode: host\n";
    const ComposeProject p = load(hostOnly);
    EXPECT_EQ(p.services.at(0).container.networkMode, "host");
    EXPECT_TRUE(p.networks.empty());

    const ComposeProject mixed = load(hostOnly + "  db:\n    image: postgres\n");
    ASSERT_EQ(mixed.networks.size(), 1u);
    EXPECT_EQ(mixed.networks[0].name, "proj_default");
}

TEST_F(ComposeLoaderNetworks, NetworkModeService) {
    const ComposeProject p = load(R"(services:
  vpn:
    image: vpn
  app:
    image: busybox
    network_mode: service:vpn
)");
    EXPECT_EQ(p.service("app")->container.networkMode, "service:vpn");

    auto issues = issuesOf(R"(services:
  app:
    image: busybox
    network_mode: "service:vpn"
)");
    ASSERT_EQ(issues.size(), 1u) << describe(issues);
    EXPECT_EQ(issues[0].key, "services.app.network_mode");
    EXPECT_EQ(issues[0].line, 4);
    EXPECT_TRUE(contains(issues[0].message, "\"vpn\"")) << issues[0].message;
}

TEST_F(ComposeLoaderNetworks, DeclaredNamesExternalAndVolumes) {
    const ComposeProject p = load(R"(services:
  web:
    image: busybox
    networks: [edge, named, default]
    volumes:
      - data:/data
      - shared:/shared
      - renamed:/renamed
networks:
  edge:
    external: true
  named:
    name: my-net
  default:
    name: proj-net
volumes:
  data:
  shared:
    external: true
    name: team-shared
  renamed:
    name: exact
    labels: {tier: db}
)");
    EXPECT_EQ(p.network("edge")->name, "edge");
    EXPECT_TRUE(p.network("edge")->external);
    EXPECT_EQ(p.network("named")->name, "my-net");
    EXPECT_EQ(p.network("default")->name, "proj-net");
    EXPECT_EQ(p.networks.size(), 3u);  // the declared default is not added twice
    EXPECT_EQ(p.volume("data")->name, "proj_data");
    EXPECT_EQ(p.volume("shared")->name, "team-shared");
    EXPECT_TRUE(p.volume("shared")->external);
    EXPECT_EQ(p.volume("renamed")->name, "exact");
    EXPECT_EQ(p.volume("renamed")->labels, (runtime::Labels{{"tier", "db"}}));
}

// ---------------------------------------------------------------- command and entrypoint

using ComposeLoaderCommand = ComposeLoaderTest;

TEST_F(ComposeLoaderCommand, StringsAreSplitLikeAShell) {
    const struct {
        std::string yaml;
        std::vector<std::string> words;
    } cases[] = {
        {R"(sh -c "echo hi")", {"sh", "-c", "echo hi"}},
        {R"('sh -c ''echo a  b''')", {"sh", "-c", "echo a  b"}},
        {R"(echo 'single "inner"' plain\ space)", {"echo", "single \"inner\"", "plain space"}},
        {R"("  spaced   out  ")", {"spaced", "out"}},
        {R"(["sh", "-c", "echo hi"])", {"sh", "-c", "echo hi"}},
        {R"([echo, "two words"])", {"echo", "two words"}},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.yaml);
        const ServiceSpec web =
            only("services:\n  web:\n    image: busybox\n    command: " + c.yaml + "\n    entrypoint: " + c.yaml + "\n");
        EXPECT_EQ(web.container.command, c.words);
        EXPECT_EQ(web.container.entrypoint, c.words);
    }
}

TEST_F(ComposeLoaderCommand, AbsentOrNullKeepsTheImages) {
    const ServiceSpec web = only("services:\n  web:\n    image: busybox\n    command:\n");
    EXPECT_FALSE(web.container.command.has_value());
    EXPECT_FALSE(web.container.entrypoint.has_value());
}

TEST_F(ComposeLoaderCommand, UnterminatedQuoteIsAnIssue) {
    auto issues = issuesOf("services:\n  web:\n    image: busybox\n    command: sh -c \"echo hi\n");
    ASSERT_EQ(issues.size(), 1u) << describe(issues);
    EXPECT_EQ(issues[0].key, "services.web.command");
    EXPECT_EQ(issues[0].line, 4);
}

// ---------------------------------------------------------------- the file as a whole

using ComposeLoaderFile = ComposeLoaderTest;

TEST_F(ComposeLoaderFile, ProjectNameMustAgree) {
    const ComposeProject p = load("name: proj\nservices:\n  web:\n    image: busybox\n");
    EXPECT_EQ(p.name, "proj");
    EXPECT_EQ(p.workingDir, dir.string());
    EXPECT_EQ(p.configFile, (dir / "compose.yaml").string());

    auto issues = issuesOf("services:\n  web:\n    image: busybox\nname: other\n");
    ASSERT_EQ(issues.size(), 1u) << describe(issues);
    EXPECT_EQ(issues[0].key, "name");
    EXPECT_EQ(issues[0].line, 4);
    EXPECT_TRUE(contains(issues[0].message, "\"other\"")) << issues[0].message;
    EXPECT_TRUE(contains(issues[0].message, "\"proj\"")) << issues[0].message;
}

TEST_F(ComposeLoaderFile, EmptyFileIsAnIssue) {
    for (const std::string text : {"", "\n\n", "# only a comment\n"}) {
        SCOPED_TRACE("\"" + text + "\"");
        auto issues = issuesOf(text);
        ASSERT_EQ(issues.size(), 1u) << describe(issues);
        EXPECT_TRUE(contains(issues[0].message, "empty")) << issues[0].message;
        EXPECT_EQ(issues[0].file, "compose.yaml");
    }
}

TEST_F(ComposeLoaderFile, NotAMappingIsAnIssue) {
    auto issues = issuesOf("- web\n- db\n");
    ASSERT_EQ(issues.size(), 1u) << describe(issues);
    EXPECT_TRUE(contains(issues[0].message, "mapping")) << issues[0].message;
}

TEST_F(ComposeLoaderFile, YamlSyntaxErrorIsOneIssueWithItsLine) {
    auto issues = issuesOf("services:\n  web:\n    image: busybox\n    ports: [80\n  db:\n    image: postgres\n");
    ASSERT_EQ(issues.size(), 1u) << describe(issues);
    EXPECT_GE(issues[0].line, 4);
    EXPECT_TRUE(contains(issues[0].message, "YAML")) << issues[0].message;

    issues = issuesOf("services:\n  web:\n    image: busybox\n    image: nginx\n");
    ASSERT_EQ(issues.size(), 1u) << describe(issues);
    EXPECT_EQ(issues[0].line, 4);
    EXPECT_TRUE(contains(issues[0].message, "duplicate")) << issues[0].message;
}

TEST_F(ComposeLoaderFile, NoServicesIsAnIssue) {
    for (const std::string text : {"services: {}\n", "services:\n", "name: proj\nvolumes:\n  data:\n"}) {
        SCOPED_TRACE(text);
        auto issues = issuesOf(text);
        ASSERT_EQ(issues.size(), 1u) << describe(issues);
        EXPECT_EQ(issues[0].key, "services");
        EXPECT_TRUE(contains(issues[0].message, "at least one service")) << issues[0].message;
    }
}

TEST_F(ComposeLoaderFile, ServiceWithoutImageOrBuildIsAnIssue) {
    auto issues = issuesOf("services:\n  web:\n    restart: always\n");
    ASSERT_EQ(issues.size(), 1u) << describe(issues);
    EXPECT_EQ(issues[0].key, "services.web");
    EXPECT_TRUE(contains(issues[0].message, "`image` or `build`")) << issues[0].message;
}

TEST_F(ComposeLoaderFile, BuildContextResolvesAgainstTheStack) {
    const ServiceSpec web = only(R"(services:
  web:
    build:
      context: ./app
      dockerfile: Dockerfile.prod
      target: runtime
      args:
        VERSION: "2"
  other:
    build: .
)");
    ASSERT_TRUE(web.build);
    EXPECT_EQ(web.build->context, (dir / "app").string());
    EXPECT_EQ(web.build->dockerfile, "Dockerfile.prod");
    EXPECT_EQ(web.build->target, "runtime");
    EXPECT_EQ(web.build->args, (std::vector<std::pair<std::string, std::string>>{{"VERSION", "2"}}));
    EXPECT_TRUE(web.container.image.empty());
}

// ---------------------------------------------------------------- secrets, configs, container names

using ComposeLoaderReferences = ComposeLoaderTest;

TEST_F(ComposeLoaderReferences, SecretsAndConfigsFromFiles) {
    const ComposeProject p = load(R"(services:
  web:
    image: busybox
    secrets:
      - db_password
      - source: api_key
        target: key.txt
    configs:
      - source: nginx
        target: /etc/nginx/nginx.conf
      - site
secrets:
  db_password: {file: ./secrets/db.txt}
  api_key: {file: /etc/rivetr/api.key}
configs:
  nginx: {file: nginx.conf}
  site: {file: ./site.conf}
)");
    const ServiceSpec& web = *p.service("web");
    ASSERT_EQ(web.secrets.size(), 2u);
    EXPECT_EQ(web.secrets[0].key, "db_password");
    EXPECT_EQ(web.secrets[0].target, "/run/secrets/db_password");
    EXPECT_EQ(web.secrets[1].key, "api_key");
    EXPECT_EQ(web.secrets[1].target, "/run/secrets/key.txt");
    ASSERT_EQ(web.configs.size(), 2u);
    EXPECT_EQ(web.configs[0].target, "/etc/nginx/nginx.conf");
    EXPECT_EQ(web.configs[1].target, "/site");
    ASSERT_EQ(p.secrets.size(), 2u);
    EXPECT_EQ(p.secrets[0].file, (dir / "secrets" / "db.txt").string());
    EXPECT_EQ(p.secrets[1].file, "/etc/rivetr/api.key");
    ASSERT_EQ(p.configs.size(), 2u);
    EXPECT_EQ(p.configs[0].file, (dir / "nginx.conf").string());
}

TEST_F(ComposeLoaderReferences, UndeclaredSecretsAndSharedContainerNamesAreIssues) {
    const std::string text = R"(services:
  web:
    image: busybox
    container_name: app
    secrets: [token]
  worker:
    image: busybox
    container_name: app
    configs: [settings]
secrets:
  other:
    external: true
)";
    auto issues = issuesOf(text);
    // An external secret is refused while reading; references are checked only once the file reads cleanly.
    ASSERT_EQ(issues.size(), 1u) << describe(issues);
    EXPECT_EQ(lineAt(issues, "secrets.other"), 12);
    issues = issuesOf(text.substr(0, text.find("secrets:\n")));
    ASSERT_EQ(issues.size(), 3u) << describe(issues);
    EXPECT_EQ(lineAt(issues, "services.web.secrets"), 5);
    EXPECT_EQ(lineAt(issues, "services.worker.configs"), 9);
    EXPECT_EQ(lineAt(issues, "services.worker.container_name"), 8);
}

TEST_F(ComposeLoaderReferences, EmptyNamesAndPathsAreIssuesNotCrashes) {
    auto issues = issuesOf(R"(services:
  web:
    image: busybox
    secrets: [""]
    configs:
      - source: ""
secrets:
  token: {file: ""}
)");
    ASSERT_EQ(issues.size(), 3u) << describe(issues);
    EXPECT_EQ(lineAt(issues, "services.web.secrets[0]"), 4);
    EXPECT_EQ(lineAt(issues, "services.web.configs[0]"), 6);
    EXPECT_EQ(lineAt(issues, "secrets.token.file"), 8);

    const ServiceSpec web = only("services:\n  web:\n    build: \"\"\n");  // the stack directory, as `.`
    ASSERT_TRUE(web.build);
    EXPECT_EQ(fs::path(web.build->context).lexically_relative(dir), ".");
}

// ---------------------------------------------------------------- profiles

using ComposeLoaderProfiles = ComposeLoaderTest;

TEST_F(ComposeLoaderProfiles, ServiceWithAProfileNeedsItEnabled) {
    const std::string text = R"(services:
  web:
    image: busybox
  debug:
    image: busybox
    profiles: [debug, tools]
)";
    ComposeProject p = load(text);
    ASSERT_EQ(p.services.size(), 1u);
    EXPECT_EQ(p.services[0].name, "web");

    profiles = {"tools"};
    p = load(text);
    ASSERT_EQ(p.services.size(), 2u);
    EXPECT_EQ(p.service("debug")->profiles, (std::vector<std::string>{"debug", "tools"}));
}

// ---------------------------------------------------------------- a realistic file

using ComposeLoaderRealistic = ComposeLoaderTest;

TEST_F(ComposeLoaderRealistic, WebDbRedis) {
    writeFile(dir / "web.env", "NODE_ENV=production\nLOG_LEVEL=info\n");
    variables = {{"DB_PASSWORD", "s3cret"}, {"TAG", "2.1"}};
    const ComposeProject p = load(R"(name: proj
x-common: &common
  restart: unless-stopped
  logging:
    driver: json-file
    options: {max-size: 10m, max-file: "3"}
x-db-env: &db-env
  POSTGRES_USER: shop
  POSTGRES_DB: shop
services:
  web:
    <<: *common
    image: "ghcr.io/acme/shop:${TAG:-latest}"
    ports: ["127.0.0.1:8080:3000"]
    env_file: web.env
    environment:
      DATABASE_URL: "postgres://shop:${DB_PASSWORD:?set DB_PASSWORD}@db:5432/shop"
      REDIS_URL: redis://redis:6379
    depends_on:
      db: {condition: service_healthy, restart: true}
      redis: {condition: service_started}
    volumes: [./uploads:/app/uploads]
  db:
    <<: *common
    image: postgres:16-alpine
    environment:
      <<: *db-env
      POSTGRES_PASSWORD: ${DB_PASSWORD}
    volumes: [pgdata:/var/lib/postgresql/data]
    healthcheck:
      test: ["CMD-SHELL", "pg_isready -U shop"]
      interval: 10s
      timeout: 5s
      retries: 5
  redis:
    <<: *common
    image: redis:7-alpine
    command: redis-server --appendonly yes
    volumes: [redisdata:/data]
volumes:
  pgdata:
  redisdata:
)");
    ASSERT_EQ(p.services.size(), 3u);
    EXPECT_EQ(p.services[0].name, "web");
    EXPECT_EQ(p.services[1].name, "db");
    EXPECT_EQ(p.services[2].name, "redis");
    EXPECT_TRUE(p.unsetVariables.empty());

    const ServiceSpec& web = *p.service("web");
    EXPECT_EQ(web.line, 11);
    EXPECT_EQ(web.container.image, "ghcr.io/acme/shop:2.1");
    EXPECT_EQ(web.container.restartPolicy, "unless-stopped");
    expectPorts(web.container.ports, {{3000, 8080, "127.0.0.1", "tcp"}});
    using Env = std::vector<std::pair<std::string, std::string>>;
    EXPECT_EQ(web.container.env, (Env{{"NODE_ENV", "production"},
                                      {"LOG_LEVEL", "info"},
                                      {"DATABASE_URL", "postgres://shop:s3cret@db:5432/shop"},
                                      {"REDIS_URL", "redis://redis:6379"}}));
    ASSERT_EQ(web.dependsOn.size(), 2u);
    EXPECT_EQ(web.dependsOn[0].service, "db");
    EXPECT_EQ(web.dependsOn[0].condition, DependencyCondition::Healthy);
    EXPECT_TRUE(web.dependsOn[0].restart);
    EXPECT_EQ(web.dependsOn[1].service, "redis");
    ASSERT_EQ(web.container.mounts.size(), 1u);
    EXPECT_EQ(web.container.mounts[0].source, (dir / "uploads").string());
    EXPECT_EQ(p.createDirectories, (std::vector<std::string>{(dir / "uploads").string()}));
    EXPECT_EQ(web.container.engineHostConfig["LogConfig"],
              (nlohmann::json{{"Type", "json-file"}, {"Config", {{"max-size", "10m"}, {"max-file", "3"}}}}));

    const ServiceSpec& db = *p.service("db");
    EXPECT_EQ(db.container.image, "postgres:16-alpine");
    EXPECT_EQ(envMap(db.container), (std::map<std::string, std::string>{
                                        {"POSTGRES_USER", "shop"}, {"POSTGRES_DB", "shop"}, {"POSTGRES_PASSWORD", "s3cret"}}));
    ASSERT_TRUE(db.container.healthcheck);
    EXPECT_EQ(db.container.healthcheck->test, (std::vector<std::string>{"CMD-SHELL", "pg_isready -U shop"}));
    EXPECT_EQ(db.container.healthcheck->intervalNs, 10'000'000'000);
    EXPECT_EQ(db.container.healthcheck->timeoutNs, 5'000'000'000);
    EXPECT_EQ(db.container.healthcheck->retries, 5);
    ASSERT_EQ(db.container.mounts.size(), 1u);
    EXPECT_EQ(db.container.mounts[0].source, "pgdata");

    const ServiceSpec& redis = *p.service("redis");
    EXPECT_EQ(redis.container.command, (std::vector<std::string>{"redis-server", "--appendonly", "yes"}));
    EXPECT_EQ(redis.container.restartPolicy, "unless-stopped");

    EXPECT_EQ(p.volume("pgdata")->name, "proj_pgdata");
    EXPECT_EQ(p.volume("redisdata")->name, "proj_redisdata");
    ASSERT_EQ(p.networks.size(), 1u);
    EXPECT_EQ(p.networks[0].name, "proj_default");
}

// ---------------------------------------------------------------- keys that land in the engine's Config/HostConfig

using ComposeLoaderEngine = ComposeLoaderTest;

TEST_F(ComposeLoaderEngine, HostConfigExtras) {
    const ServiceSpec web = only(R"(services:
  web:
    image: busybox
    ulimits:
      nproc: 65535
      nofile: {soft: 20000, hard: 40000}
    sysctls:
      net.core.somaxconn: 1024
    logging:
      driver: local
      options:
        max-size: 5m
    extra_hosts:
      - "db.local=10.0.0.2"
      - "api.local:10.0.0.3"
    cap_add: [NET_ADMIN]
    cap_drop: [ALL]
    stop_grace_period: 1m
    init: true
    read_only: true
    working_dir: /app
)");
    const auto& host = web.container.engineHostConfig;
    EXPECT_EQ(host["Ulimits"], nlohmann::json::parse(R"([{"Name": "nproc", "Soft": 65535, "Hard": 65535},
                                                         {"Name": "nofile", "Soft": 20000, "Hard": 40000}])"));
    EXPECT_EQ(host["Sysctls"], (nlohmann::json{{"net.core.somaxconn", "1024"}}));
    EXPECT_EQ(host["LogConfig"], (nlohmann::json{{"Type", "local"}, {"Config", {{"max-size", "5m"}}}}));
    EXPECT_EQ(host["ExtraHosts"], (nlohmann::json{"db.local:10.0.0.2", "api.local:10.0.0.3"}));
    EXPECT_EQ(web.container.capAdd, (std::vector<std::string>{"NET_ADMIN"}));
    EXPECT_EQ(host["CapDrop"], (nlohmann::json{"ALL"}));
    EXPECT_EQ(host["Init"], true);
    EXPECT_EQ(host["ReadonlyRootfs"], true);
    EXPECT_EQ(web.container.engineConfig["StopTimeout"], 60);
    EXPECT_EQ(web.container.engineConfig["WorkingDir"], "/app");
}

TEST_F(ComposeLoaderEngine, ExtraHostsMapAndSysctlsList) {
    const ServiceSpec web = only(R"(services:
  web:
    image: busybox
    extra_hosts:
      somehost: 162.242.195.82
      other: 50.31.209.229
    sysctls:
      - net.ipv4.ip_forward=1
)");
    EXPECT_EQ(web.container.engineHostConfig["ExtraHosts"], (nlohmann::json{"somehost:162.242.195.82", "other:50.31.209.229"}));
    EXPECT_EQ(web.container.engineHostConfig["Sysctls"], (nlohmann::json{{"net.ipv4.ip_forward", "1"}}));
}

TEST_F(ComposeLoaderEngine, StopGracePeriodRoundsUpToSeconds) {
    const struct {
        std::string text;
        int seconds;
    } cases[] = {{"1m", 60}, {"10s", 10}, {"1500ms", 2}, {"1m30s", 90}};
    for (const auto& c : cases) {
        SCOPED_TRACE(c.text);
        const ServiceSpec web = only("services:\n  web:\n    image: busybox\n    stop_grace_period: " + c.text + "\n");
        EXPECT_EQ(web.container.engineConfig["StopTimeout"], c.seconds);
    }
}

TEST_F(ComposeLoaderEngine, BadExtrasAreIssues) {
    auto issues = issuesOf(R"(services:
  web:
    image: busybox
    ulimits:
      nofile: {soft: 1}
  db:
    image: busybox
    logging:
      drivr: local
  cache:
    image: busybox
    restart: sometimes
)");
    ASSERT_EQ(issues.size(), 3u) << describe(issues);
    EXPECT_EQ(lineAt(issues, "services.web.ulimits.nofile"), 5);
    EXPECT_EQ(lineAt(issues, "services.db.logging.drivr"), 9);
    EXPECT_EQ(lineAt(issues, "services.cache.restart"), 12);
}

}  // namespace
}  // namespace rivetr::stacks
