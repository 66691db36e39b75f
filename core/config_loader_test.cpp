// Config loading: defaults, TOML, env overrides, and a problem naming the key for every bad input.
#include "core/config_loader.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>

#include "core/comma_list.hpp"
#include "core/config_schema.hpp"
#include "tests/support/test_support.hpp"

namespace rivetr {
namespace {

bool mentions(const ConfigLoad& l, const std::string& key, const std::string& fragment = "") {
    return std::any_of(l.problems.begin(), l.problems.end(), [&](const ConfigProblem& p) {
        return p.key == key && p.message.find(fragment) != std::string::npos;
    });
}

TEST(ConfigLoader, DefaultsMatchTheContract) {
    auto l = loadConfigText("", "empty", {});
    ASSERT_TRUE(l.ok());
    EXPECT_EQ(l.config.server.host, "0.0.0.0");
    EXPECT_EQ(l.config.server.api_host, "127.0.0.1");
    EXPECT_EQ(l.config.server.api_port, 8080);
    EXPECT_EQ(l.config.server.proxy_port, 80);
    EXPECT_EQ(l.config.server.proxy_https_port, 443);
    EXPECT_EQ(l.config.server.data_dir, "./data");
    EXPECT_EQ(l.config.runtime.runtime_type, "auto");
    EXPECT_EQ(l.config.runtime.docker_socket, "/var/run/docker.sock");
    EXPECT_EQ(l.config.runtime.max_concurrent_deployments, 2);
    EXPECT_FALSE(l.config.proxy.acme_enabled);
    EXPECT_EQ(l.config.proxy.acme_directory, "https://acme-v02.api.letsencrypt.org/directory");
    EXPECT_EQ(l.config.logging.level, "info");
}

TEST(ConfigLoader, ReadsEveryType) {
    auto l = loadConfigText(R"(
[server]
api_port = 9000
data_dir = "/var/lib/rivetr"
[proxy]
acme_enabled = true
acme_email = "ops@example.com"
[logging]
level = "debug"
)", "t", {});
    ASSERT_TRUE(l.ok()) << formatProblem(l.problems.front());
    EXPECT_EQ(l.config.server.api_port, 9000);
    EXPECT_EQ(l.config.server.data_dir, "/var/lib/rivetr");
    EXPECT_TRUE(l.config.proxy.acme_enabled);
    EXPECT_EQ(l.config.logging.level, "debug");
}

// Every bad input is a problem that names its key (or variable) and says what is wrong with it.
TEST(ConfigLoader, EachBadInputNamesItsKeyAndWhatIsWrong) {
    struct Problem {
        std::string key, says;
    };
    struct Case {
        std::string toml;
        Environment env;
        std::vector<Problem> problems;
    };
    const std::vector<Case> cases{
        {"[server]\napi_prot = 9000\n", {},
         {{"server.api_prot", "unknown key"}, {"server.api_prot", "did you mean server.api_port?"}}},
        {"[sever]\nhost = \"0.0.0.0\"\n", {}, {{"sever", "unknown section"}}},
        {"[server]\nproxy_port = 70000\n", {}, {{"server.proxy_port", "between 1 and 65535"}}},
        {"[server]\napi_port = \"8080\"\n", {}, {{"server.api_port", "must be an integer (got a string)"}}},
        {"", {{"RIVETR_SERVER_API_PORT", "80a"}, {"RIVETR_SERVER_APIPORT", "1"}},
         {{"RIVETR_SERVER_API_PORT", "must be an integer"}, {"RIVETR_SERVER_APIPORT", "unknown configuration variable"}}},
        // Rules across keys.
        {"[server]\napi_port = 80\n[proxy]\nacme_enabled = true\n", {},
         {{"server.api_port", "must differ"}, {"proxy.acme_email", "required"}}},
        // Secrets must be usable.
        {"[auth]\nencryption_key = \"abc\"\nadmin_token = \"short\"\n", {},
         {{"auth.encryption_key", "64 hexadecimal"}, {"auth.admin_token", "at least 24"}}},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.toml);
        auto l = loadConfigText(c.toml, "t", c.env);
        EXPECT_FALSE(l.ok());
        for (const auto& p : c.problems) EXPECT_TRUE(mentions(l, p.key, p.says)) << p.key << ": " << p.says;
    }
}

TEST(ConfigLoader, InvalidTomlGivesThePosition) {
    auto l = loadConfigText("[server\napi_port = 1\n", "file.toml", {});
    ASSERT_FALSE(l.ok());
    EXPECT_EQ(l.problems[0].key.rfind("file.toml:1:", 0), 0u) << l.problems[0].key;
}

TEST(ConfigLoader, EveryProblemIsReportedNotJustTheFirst) {
    auto l = loadConfigText("[server]\napi_port = 0\n[runtime]\nruntime_type = \"lxc\"\n[logging]\nlevel = \"loud\"\n",
                            "t", {});
    EXPECT_TRUE(mentions(l, "server.api_port"));
    EXPECT_TRUE(mentions(l, "runtime.runtime_type", "auto, docker, podman"));
    EXPECT_TRUE(mentions(l, "logging.level"));
}

TEST(ConfigLoader, EnvironmentOverridesTheFile) {
    auto l = loadConfigText("[server]\napi_port = 9000\n", "t",
                            {{"RIVETR_SERVER_API_PORT", "9100"}, {"RIVETR_PROXY_ACME_ENABLED", "false"},
                             {"RIVETR_LOGGING_LEVEL", "warn"}, {"RIVETR_URL", "http://x"}, {"RIVETR_TOKEN", "t"}});
    ASSERT_TRUE(l.ok()) << formatProblem(l.problems.front());
    EXPECT_EQ(l.config.server.api_port, 9100);
    EXPECT_EQ(l.config.logging.level, "warn");
}

// Both end up in what users paste and click: a bad one is refused at start, naming the key.
TEST(ConfigLoader, BaseDomainAndPublicUrlAreChecked) {
    auto bad = loadConfigText("[server]\nbase_domain = \"*.example.com\"\npublic_url = \"paas.example.com/x\"\n", "t", {});
    EXPECT_TRUE(mentions(bad, "server.base_domain", "DNS host name"));
    EXPECT_TRUE(mentions(bad, "server.public_url", "http:// or https://"));
    auto path = loadConfigText("[server]\npublic_url = \"https://paas.example.com/hooks\"\n", "t", {});
    EXPECT_TRUE(mentions(path, "server.public_url", "no path"));
    auto good = loadConfigText("[server]\nbase_domain = \"203.0.113.7.sslip.io\"\n"
                               "public_url = \"https://paas.example.com:8443/\"\n", "t", {});
    ASSERT_TRUE(good.ok()) << formatProblem(good.problems.front());
    EXPECT_EQ(good.config.server.base_domain, "203.0.113.7.sslip.io");
    EXPECT_EQ(good.config.server.public_url, "https://paas.example.com:8443/");
    EXPECT_TRUE(loadConfigText("", "t", {}).config.server.base_domain.empty());  // off by default
}

TEST(ConfigLoader, AllowedBindRootsAreAbsoluteDirectoriesAndNoneByDefault) {
    EXPECT_TRUE(loadConfigText("", "t", {}).config.docker.allowed_bind_roots.empty());
    auto good = loadConfigText("[docker]\nallowed_bind_roots = \"/srv/data, /mnt/media\"\n", "t", {});
    ASSERT_TRUE(good.ok()) << formatProblem(good.problems.front());
    EXPECT_EQ(splitCommaList(good.config.docker.allowed_bind_roots), (std::vector<std::string>{"/srv/data", "/mnt/media"}));
    EXPECT_TRUE(mentions(loadConfigText("[docker]\nallowed_bind_roots = \"/srv, data\"\n", "t", {}),
                         "docker.allowed_bind_roots", "absolute"));
    EXPECT_TRUE(mentions(loadConfigText("[docker]\nallowed_bind_roots = \"/srv/../etc\"\n", "t", {}),
                         "docker.allowed_bind_roots", ".."));
    // The same rule as an admin's saved list: not the whole host, normalised, each root once.
    EXPECT_TRUE(mentions(loadConfigText("[docker]\nallowed_bind_roots = \"/\"\n", "t", {}), "docker.allowed_bind_roots", "whole host"));
    EXPECT_TRUE(mentions(loadConfigText("[docker]\nallowed_bind_roots = \"/srv//data/\"\n", "t", {}), "docker.allowed_bind_roots", "normalised"));
    EXPECT_TRUE(mentions(loadConfigText("[docker]\nallowed_bind_roots = \"/srv, /srv\"\n", "t", {}), "docker.allowed_bind_roots", "twice"));
    EXPECT_EQ(splitCommaList(" a ,, b,"), (std::vector<std::string>{"a", "b"}));
}

TEST(ConfigLoader, TheContainerListCacheIsOnByDefaultAndCanBeTurnedOff) {
    EXPECT_TRUE(loadConfigText("", "t", {}).config.docker.list_cache);
    EXPECT_FALSE(loadConfigText("[docker]\nlist_cache = false\n", "t", {}).config.docker.list_cache);
    EXPECT_FALSE(loadConfigText("", "t", {{"RIVETR_DOCKER_LIST_CACHE", "false"}}).config.docker.list_cache);
}

TEST(ConfigLoader, ExplicitMissingFileIsAnError) {
    auto l = loadConfig(std::filesystem::path("/nonexistent/rivetr.toml"), {});
    EXPECT_TRUE(mentions(l, "/nonexistent/rivetr.toml", "not found"));
}

// The example file is the documentation of every key: it must parse cleanly and mention each one.
TEST(ConfigLoader, ExampleFileDocumentsEveryKeyAndIsValid) {
    auto path = test::sourceDir() / "rivetr.example.toml";
    auto l = loadConfig(path, {});
    ASSERT_TRUE(l.ok()) << formatProblem(l.problems.front());
    auto text = test::readFile(path);
    for (const auto& k : configKeys()) {
        EXPECT_NE(text.find(std::string(k.name) + " ="), std::string::npos) << qualifiedName(k) << " undocumented";
    }
}

}  // namespace
}  // namespace rivetr
