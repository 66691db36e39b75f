// App field rules: what a user may type is accepted, and each bad value names its field.
#include "api/apps/app_json.hpp"
#include "api/apps/app_validation.hpp"

#include <gtest/gtest.h>

#include "api/http/api_errors.hpp"
#include "store/conflict_error.hpp"

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
                           "http://127.0.0.1:3000/a/b"}) {
        EXPECT_EQ(fieldOf([&] { validateGitUrl(ok, false); }), "<accepted>") << ok;
    }
    for (const char* bad : {"", "-uupload-pack=touch /tmp/x", "ftp://h/x", "https://h/a b", "ext::sh -c x",
                            "ssh://-oProxyCommand=x/a", "ssh://git@-oProxyCommand=x/a", "https://-oProxyCommand=x/a.git",
                            "https://h/\xc3\xa9.git", "https://h/a<b>"}) {
        EXPECT_EQ(fieldOf([&] { validateGitUrl(bad, true); }), "git_url") << bad;
    }
    // Local repositories follow [git] allow_local_repositories, for apps as for the wizard.
    EXPECT_EQ(fieldOf([] { validateGitUrl("file:///srv/repos/app.git", false); }), "git_url");
    EXPECT_EQ(fieldOf([] { validateGitUrl("/srv/repo", false); }), "git_url");
    EXPECT_EQ(fieldOf([] { validateGitUrl("file:///srv/repos/app.git", true); }), "<accepted>");
}

nlohmann::json appBody(nlohmann::json extra) {
    nlohmann::json j{{"name", "web"}, {"port", 80}};
    j.update(extra);
    return j;
}

// Credentials never stay in git_url: split off on create and update, and dropped when the URL
// moves to another server without new ones (nobody can read them back, nobody can redirect them).
TEST(AppValidation, GitCredentialsAreSplitOffTheUrl) {
    store::AppRecord app;
    applyAppJson(appBody({{"git_url", "https://deploy:pw@git.example.com/o/r.git"}}), app, true, {});
    EXPECT_EQ(app.gitUrl, "https://git.example.com/o/r.git");
    EXPECT_EQ(app.gitCredential, (UrlCredential{"deploy", "pw"}));
    EXPECT_EQ(appToJson(app, true).dump().find("pw"), std::string::npos);
    EXPECT_TRUE(appToJson(app, false)["has_git_credentials"]);

    applyAppJson(appBody({{"git_url", "https://git.example.com/o/renamed.git"}}), app, false, {});
    EXPECT_EQ(app.gitCredential, (UrlCredential{"deploy", "pw"})) << "same server: kept";
    applyAppJson(appBody({{"git_url", "https://elsewhere.example/o/r.git"}}), app, false, {});
    EXPECT_FALSE(app.gitCredential) << "another server never gets them";

    applyAppJson(appBody({{"git_credentials", {{"username", "bot"}, {"password", "t0k"}}}}), app, false, {});
    EXPECT_EQ(app.gitCredential, (UrlCredential{"bot", "t0k"}));
    applyAppJson(appBody({{"git_credentials", nullptr}}), app, false, {});
    EXPECT_FALSE(app.gitCredential);
    EXPECT_EQ(fieldOf([&] {
                  applyAppJson(appBody({{"git_url", "https://u:p@h/r"}, {"git_credentials", {{"username", "x"}}}}), app,
                               false, {});
              }),
              "git_credentials");
    EXPECT_EQ(fieldOf([&] { applyAppJson(appBody({{"git_credentials", {{"password", "x"}}}}), app, false, {}); }),
              "git_credentials.username");
}

TEST(AppValidation, TheDashboardDomainIsReserved) {
    store::AppRecord app;
    AppRules rules{false, "Dash.Example.com", ""};
    try {
        applyAppJson(appBody({{"git_url", "https://h/r.git"}, {"domains", {"dash.example.com"}}}), app, true, rules);
        ADD_FAILURE() << "the dashboard's domain was accepted";
    } catch (const store::ConflictError& e) {
        EXPECT_EQ(e.field(), "domains");
    }
    EXPECT_EQ(fieldOf([&] {
                  applyAppJson(appBody({{"git_url", "https://h/r.git"}, {"domains", {"app.example.com"}}}), app, true,
                               rules);
              }),
              "<accepted>");
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
    EXPECT_EQ(fieldOf([&] { applyAppJson(body({{"build_ms", 600000}}), app, true, {}); }), "<accepted>");
    EXPECT_EQ(app.deadlines.buildMs, 600000);
    EXPECT_EQ(fieldOf([&] { applyAppJson(body({{"build_ms", nullptr}}), app, false, {}); }), "<accepted>");
    EXPECT_FALSE(app.deadlines.buildMs) << "null did not clear the override";
    auto fresh = [&](nlohmann::json d) {
        store::AppRecord a;
        return fieldOf([&] { applyAppJson(body(std::move(d)), a, true, {}); });
    };
    EXPECT_EQ(fresh({{"clone_ms", 10}}), "deadlines.clone_ms");
    EXPECT_EQ(fresh({{"health_ms", 86400001}}), "deadlines.health_ms");
    EXPECT_EQ(fresh({{"deploy_ms", 5000}}), "deadlines.deploy_ms");
}

}  // namespace
}  // namespace rivetr::api
