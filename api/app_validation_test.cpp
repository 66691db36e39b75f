// App field rules: what a user may type is accepted, and each bad value names its field.
#include "api/app_json.hpp"
#include "api/app_validation.hpp"

#include <gtest/gtest.h>

#include "api/api_errors.hpp"

namespace rivetr::api {
namespace {

std::string fieldOf(const std::function<void()>& f) {
    try {
        f();
    } catch (const ValidationError& e) {
        return e.field();
    }
    return "<accepted>";
}

TEST(AppValidation, Names) {
    EXPECT_EQ(fieldOf([] { validateAppName("my-app2"); }), "<accepted>");
    for (const char* bad : {"", "-app", "app-", "App", "a_b", "a b", "x/y"}) {
        EXPECT_EQ(fieldOf([&] { validateAppName(bad); }), "name") << bad;
    }
    EXPECT_EQ(fieldOf([] { validateAppName(std::string(64, 'a')); }), "name");
}

TEST(AppValidation, GitUrls) {
    for (const char* ok : {"https://github.com/a/b.git", "ssh://git@host/a/b", "git@github.com:a/b.git",
                           "file:///srv/repos/app.git", "http://127.0.0.1:3000/a/b"}) {
        EXPECT_EQ(fieldOf([&] { validateGitUrl(ok); }), "<accepted>") << ok;
    }
    for (const char* bad : {"", "-uupload-pack=touch /tmp/x", "ftp://h/x", "https://h/a b", "/srv/repo", "ext::sh -c x"}) {
        EXPECT_EQ(fieldOf([&] { validateGitUrl(bad); }), "git_url") << bad;
    }
}

TEST(AppValidation, Branches) {
    for (const char* ok : {"main", "release/1.2", "feature-x"}) EXPECT_EQ(fieldOf([&] { validateBranch(ok); }), "<accepted>");
    for (const char* bad : {"", "-x", "a..b", "a b", "a~1", "x.lock", "/a", "a/", "a:b", ".hidden"}) {
        EXPECT_EQ(fieldOf([&] { validateBranch(bad); }), "branch") << bad;
    }
}

TEST(AppValidation, DomainsAreNormalisedAndUnique) {
    EXPECT_EQ(normalizeDomains({"App.Example.COM", "*.example.org"}),
              (std::vector<std::string>{"app.example.com", "*.example.org"}));
    EXPECT_EQ(fieldOf([] { normalizeDomains({"a.example.com", "A.example.com"}); }), "domains");
    EXPECT_EQ(fieldOf([] { normalizeDomains({"bad domain"}); }), "domains");
    EXPECT_EQ(fieldOf([] { normalizeDomains({"a.*.example.com"}); }), "domains");
    EXPECT_EQ(fieldOf([] { normalizeDomains({"example.com:80"}); }), "domains");
}

TEST(AppValidation, PathsStayInsideTheRepository) {
    EXPECT_EQ(fieldOf([] { validateRelativePath("dockerfile_path", "docker/Dockerfile.prod"); }), "<accepted>");
    for (const char* bad : {"/etc/passwd", "../Dockerfile", "a/../../b", "a\\b"}) {
        EXPECT_EQ(fieldOf([&] { validateRelativePath("dockerfile_path", bad); }), "dockerfile_path") << bad;
    }
}

TEST(AppValidation, HealthCheckAndLimits) {
    store::HealthCheckSpec h;
    EXPECT_EQ(fieldOf([&] { validateHealthCheck(h); }), "<accepted>");
    h.path = "health";
    EXPECT_EQ(fieldOf([&] { validateHealthCheck(h); }), "healthcheck.path");
    h = {};
    h.intervalMs = 10;
    EXPECT_EQ(fieldOf([&] { validateHealthCheck(h); }), "healthcheck.interval_ms");
    h = {};
    h.type = "grpc";
    EXPECT_EQ(fieldOf([&] { validateHealthCheck(h); }), "healthcheck.type");
    store::AppRecord a;
    a.memoryLimitBytes = 1024;
    EXPECT_EQ(fieldOf([&] { validateLimits(a); }), "resources.memory_limit_bytes");
}

TEST(AppValidation, EnvKeys) {
    EXPECT_EQ(fieldOf([] { validateEnvKey("DATABASE_URL"); }), "<accepted>");
    EXPECT_EQ(fieldOf([] { validateEnvKey("1X"); }), "env.1X");
    EXPECT_EQ(fieldOf([] { validateEnvKey("A-B"); }), "env.A-B");
}

TEST(AppValidation, StageDeadlinesAreBoundedAndNullClears) {
    auto body = [](nlohmann::json deadlines) {
        return nlohmann::json{{"name", "web"}, {"git_url", "https://h/a.git"}, {"port", 80}, {"deadlines", deadlines}};
    };
    store::AppRecord app;
    EXPECT_EQ(fieldOf([&] { applyAppJson(body({{"build_ms", 600000}}), app, true); }), "<accepted>");
    EXPECT_EQ(app.deadlines.buildMs, 600000);
    EXPECT_EQ(fieldOf([&] { applyAppJson(body({{"build_ms", nullptr}}), app, false); }), "<accepted>");
    EXPECT_FALSE(app.deadlines.buildMs) << "null did not clear the override";
    auto fresh = [&](nlohmann::json d) {
        store::AppRecord a;
        return fieldOf([&] { applyAppJson(body(std::move(d)), a, true); });
    };
    EXPECT_EQ(fresh({{"clone_ms", 10}}), "deadlines.clone_ms");
    EXPECT_EQ(fresh({{"health_ms", 86400001}}), "deadlines.health_ms");
    EXPECT_EQ(fresh({{"deploy_ms", 5000}}), "deadlines.deploy_ms");
}

}  // namespace
}  // namespace rivetr::api
