// Authentication over real HTTP: login/logout/me with the session cookie, CSRF on cookie mutations,
// TOTP, disabled users, the last-admin rule, failed-login rate limits and X-Forwarded-For trust.
#include <curl/curl.h>
#include <gtest/gtest.h>

#include <thread>

#include "api/api_server.hpp"
#include "api/route_table.hpp"
#include "api/totp.hpp"
#include "core/clock.hpp"
#include "store/store.hpp"
#include "tests/support/test_support.hpp"

namespace rivetr::api {
namespace {

using nlohmann::json;
using store::Role;

constexpr const char* kAdminToken = "admin-token-for-the-auth-tests-0123";

AuthOptions fastOptions() {
    AuthOptions o;
    o.passwordCost = {64, 1, 1};
    return o;
}

std::size_t onBody(char* data, std::size_t size, std::size_t n, void* user) {
    static_cast<std::string*>(user)->append(data, size * n);
    return size * n;
}

// A request whose TCP source is `fromIp` (any 127/8 address reaches the server on 127.0.0.1):
// how a client that is not our proxy looks to the API.
test::HttpResponse fromAddress(const std::string& fromIp, int port, const std::string& method, const std::string& path,
                               const std::vector<std::string>& headers, const std::string& body) {
    test::HttpResponse r;
    CURL* c = curl_easy_init();
    curl_slist* list = nullptr;
    for (const auto& h : headers) list = curl_slist_append(list, h.c_str());
    auto url = "http://127.0.0.1:" + std::to_string(port) + path;
    curl_easy_setopt(c, CURLOPT_URL, url.c_str());
    curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method.c_str());
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, body.c_str());
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, list);
    curl_easy_setopt(c, CURLOPT_INTERFACE, fromIp.c_str());
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, onBody);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &r.body);
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, 10000L);
    curl_easy_setopt(c, CURLOPT_NOPROXY, "*");
    if (curl_easy_perform(c) == CURLE_OK) curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r.status);
    curl_slist_free_all(list);
    curl_easy_cleanup(c);
    return r;
}

class AuthRoutes : public ::testing::Test {
protected:
    test::TempDir dir;
    std::unique_ptr<store::Store> store = store::Store::open(dir.path());
    ApiContext ctx{*store, *crypto::keyFromHex(std::string(64, 'e')), kAdminToken, fastOptions()};
    std::vector<Route> routes = controlRoutes(ctx, {[] { return true; }, [] { return true; }});
    int port = test::freePort();
    ApiServer server{{"127.0.0.1", port}, routes, &ctx.auth};

    struct Session {
        std::string cookie;  // "rivetr_session=..."
        std::string csrf;
    };

    void SetUp() override { server.start(); }

    test::HttpResponse call(const std::string& method, const std::string& path, std::vector<std::string> headers = {},
                            const std::string& body = "") {
        test::HttpRequest req;
        req.method = method;
        req.url = "http://127.0.0.1:" + std::to_string(port) + path;
        if (!body.empty()) headers.push_back("Content-Type: application/json");
        req.headers = std::move(headers);
        req.body = body;
        return test::http(req);
    }
    test::HttpResponse admin(const std::string& method, const std::string& path, const std::string& body = "") {
        return call(method, path, {std::string("Authorization: Bearer ") + kAdminToken}, body);
    }
    test::HttpResponse login(const std::string& user, const std::string& password, std::vector<std::string> headers = {},
                             const std::string& totpCode = "") {
        json body{{"username", user}, {"password", password}};
        if (!totpCode.empty()) body["totp"] = totpCode;
        return call("POST", "/api/auth/login", std::move(headers), body.dump());
    }
    Session loggedIn(const std::string& user, const std::string& password) {
        auto r = login(user, password);
        EXPECT_EQ(r.status, 200) << r.body;
        auto cookie = r.headers["set-cookie"];
        return {cookie.substr(0, cookie.find(';')), json::parse(r.body).value("csrf_token", "")};
    }
    test::HttpResponse withSession(const Session& s, const std::string& method, const std::string& path,
                                   const std::string& body = "", bool sendCsrf = true) {
        std::vector<std::string> h{"Cookie: " + s.cookie};
        if (sendCsrf) h.push_back("X-CSRF-Token: " + s.csrf);
        return call(method, path, h, body);
    }
    std::string errorCode(const test::HttpResponse& r) {
        return json::parse(r.body, nullptr, false).value("/error/code"_json_pointer, std::string());
    }
    std::vector<store::AuditEntry> audit() { return ctx.audit.list(1000); }
};

const json kApp{{"name", "cookie-app"}, {"git_url", "https://example.com/a.git"}, {"port", 3000}};

TEST_F(AuthRoutes, LoginMeAndLogoutWithTheSessionCookie) {
    ctx.users.create("ann", "correct-horse", Role::developer);
    auto wrong = login("ann", "wrong-password");
    EXPECT_EQ(wrong.status, 401);
    EXPECT_EQ(errorCode(wrong), "unauthorized");
    EXPECT_FALSE(wrong.headers.count("set-cookie"));
    EXPECT_EQ(login("nobody", "correct-horse").status, 401);

    auto ok = login("ann", "correct-horse");
    ASSERT_EQ(ok.status, 200) << ok.body;
    auto cookie = ok.headers["set-cookie"];
    EXPECT_EQ(cookie.rfind("rivetr_session=", 0), 0u) << cookie;
    for (const char* attr : {"; HttpOnly", "; SameSite=Strict", "; Path=/"}) EXPECT_NE(cookie.find(attr), std::string::npos) << cookie;
    EXPECT_EQ(cookie.find("Secure"), std::string::npos) << "plain HTTP got a Secure cookie: " << cookie;
    auto body = json::parse(ok.body);
    EXPECT_EQ(body["user"]["username"], "ann");
    EXPECT_EQ(body["user"]["role"], "developer");
    EXPECT_EQ(body["user"]["totp_enabled"], false);
    EXPECT_EQ(ok.body.find("argon2"), std::string::npos);
    Session s{cookie.substr(0, cookie.find(';')), body["csrf_token"]};

    auto me = withSession(s, "GET", "/api/auth/me", "", false);
    ASSERT_EQ(me.status, 200) << me.body;
    auto who = json::parse(me.body);
    EXPECT_EQ(who["actor_type"], "user");
    EXPECT_EQ(who["name"], "ann");
    EXPECT_EQ(who["role"], "developer");
    EXPECT_EQ(who["csrf_token"], s.csrf);
    EXPECT_EQ(withSession(s, "GET", "/api/apps", "", false).status, 200);
    EXPECT_EQ(withSession(s, "GET", "/api/users", "", false).status, 403) << "a developer listed users";

    auto out = withSession(s, "POST", "/api/auth/logout");
    EXPECT_EQ(out.status, 204);
    EXPECT_NE(out.headers["set-cookie"].find("Max-Age=0"), std::string::npos) << out.headers["set-cookie"];
    EXPECT_EQ(withSession(s, "GET", "/api/auth/me").status, 401) << "the session outlived logout";

    auto entries = audit();
    ASSERT_GE(entries.size(), 4u);
    EXPECT_EQ(entries[0].action, "auth.logout");
    EXPECT_EQ(entries[0].actorType, "user");
    EXPECT_EQ(entries[1].action, "auth.login");
    EXPECT_EQ(entries[1].actor, "ann");
    EXPECT_EQ(entries[3].action, "auth.login_failed");
    EXPECT_EQ(entries[3].actor, "ann");
    for (const auto& e : entries) {
        EXPECT_EQ(e.details.find("wrong-password"), std::string::npos) << "a password reached the audit log";
        EXPECT_EQ(e.details.find("correct-horse"), std::string::npos) << "a password reached the audit log";
    }
}

TEST_F(AuthRoutes, CookieMutationsNeedTheCsrfTokenBearerDoesNot) {
    ctx.users.create("ann", "correct-horse", Role::developer);
    auto s = loggedIn("ann", "correct-horse");
    auto missing = withSession(s, "POST", "/api/apps", kApp.dump(), false);
    EXPECT_EQ(missing.status, 403);
    EXPECT_EQ(errorCode(missing), "csrf");
    auto wrong = call("POST", "/api/apps", {"Cookie: " + s.cookie, "X-CSRF-Token: " + s.csrf + "x"}, kApp.dump());
    EXPECT_EQ(wrong.status, 403);
    EXPECT_EQ(errorCode(wrong), "csrf");
    EXPECT_EQ(withSession(s, "POST", "/api/auth/logout", "", false).status, 403);
    EXPECT_TRUE(ctx.apps.list().empty()) << "a request without the CSRF token wrote an app";

    // A browser sends every cookie of the site; ours must be found among them.
    auto good = call("POST", "/api/apps", {"Cookie: theme=dark; " + s.cookie + "; lang=en", "X-CSRF-Token: " + s.csrf},
                     kApp.dump());
    ASSERT_EQ(good.status, 201) << good.body;
    auto bearer = admin("POST", "/api/apps", json{{"name", "bearer-app"}, {"git_url", "https://e.com/b.git"}, {"port", 80}}.dump());
    EXPECT_EQ(bearer.status, 201) << bearer.body;
    auto entries = audit();
    EXPECT_EQ(entries[1].action, "app.create");
    EXPECT_EQ(entries[1].actorType, "user");
    EXPECT_EQ(entries[1].actor, "ann");
}

TEST_F(AuthRoutes, UnknownSessionIs401AndTheCookieIsCleared) {
    auto r = call("GET", "/api/auth/me", {"Cookie: rivetr_session=forged-or-expired"});
    EXPECT_EQ(r.status, 401);
    EXPECT_NE(r.headers["set-cookie"].find("Max-Age=0"), std::string::npos) << r.headers["set-cookie"];
    EXPECT_EQ(call("GET", "/api/auth/me").status, 401);
}

TEST_F(AuthRoutes, SecureCookieOnlyWhenOurProxyReportsTls) {
    ctx.users.create("ann", "correct-horse", Role::viewer);
    auto viaProxy = login("ann", "correct-horse", {"X-Forwarded-Proto: https", "X-Forwarded-For: 203.0.113.9"});
    ASSERT_EQ(viaProxy.status, 200);
    EXPECT_NE(viaProxy.headers["set-cookie"].find("; Secure"), std::string::npos) << viaProxy.headers["set-cookie"];
    EXPECT_EQ(audit()[0].ip, "203.0.113.9") << "the proxy's X-Forwarded-For was not used";

    auto spoofed = fromAddress("127.0.0.2", port, "POST", "/api/auth/login",
                               {"Content-Type: application/json", "X-Forwarded-Proto: https", "X-Forwarded-For: 198.51.100.1"},
                               json{{"username", "ann"}, {"password", "correct-horse"}}.dump());
    ASSERT_EQ(spoofed.status, 200) << spoofed.body;
    EXPECT_EQ(audit()[0].ip, "127.0.0.2") << "X-Forwarded-For from a non-proxy peer was believed";
}

TEST_F(AuthRoutes, DisabledUserIsLockedOutAtOnce) {
    auto u = ctx.users.create("ann", "correct-horse", Role::developer);
    auto s = loggedIn("ann", "correct-horse");
    auto r = admin("PUT", "/api/users/" + u.id, json{{"disabled", true}}.dump());
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(json::parse(r.body)["disabled"], true);
    EXPECT_EQ(withSession(s, "GET", "/api/auth/me").status, 401);
    EXPECT_EQ(login("ann", "correct-horse").status, 401);
    admin("PUT", "/api/users/" + u.id, json{{"disabled", false}}.dump());
    EXPECT_EQ(login("ann", "correct-horse").status, 200);
}

TEST_F(AuthRoutes, UsersCrudValidatesAndNeverShowsPasswords) {
    auto created = admin("POST", "/api/users", json{{"username", "dev.one"}, {"password", "long-enough"}, {"role", "developer"}}.dump());
    ASSERT_EQ(created.status, 201) << created.body;
    std::string id = json::parse(created.body)["id"];
    const std::vector<std::pair<json, std::string>> bad{
        {{{"username", "bad name"}, {"password", "long-enough"}, {"role", "viewer"}}, "username"},
        {{{"username", ""}, {"password", "long-enough"}, {"role", "viewer"}}, "username"},
        {{{"username", "ok"}, {"password", "short"}, {"role", "viewer"}}, "password"},
        {{{"username", "ok"}, {"password", "long-enough"}, {"role", "root"}}, "role"},
        {{{"username", "ok"}, {"password", "long-enough"}, {"role", "viewer"}, {"admin", true}}, "admin"},
    };
    for (const auto& [body, field] : bad) {
        auto r = admin("POST", "/api/users", body.dump());
        EXPECT_EQ(r.status, 400) << body;
        EXPECT_EQ(json::parse(r.body)["error"]["field"], field) << r.body;
    }
    auto dup = admin("POST", "/api/users", json{{"username", "DEV.ONE"}, {"password", "long-enough"}, {"role", "viewer"}}.dump());
    EXPECT_EQ(dup.status, 409);
    EXPECT_EQ(ctx.users.list().size(), 1u) << "a rejected request created a user";

    auto changed = admin("PUT", "/api/users/" + id, json{{"role", "viewer"}, {"password", "another-one"}}.dump());
    ASSERT_EQ(changed.status, 200) << changed.body;
    EXPECT_EQ(json::parse(changed.body)["role"], "viewer");
    EXPECT_EQ(login("dev.one", "another-one").status, 200);
    EXPECT_EQ(admin("PUT", "/api/users/" + id, json{{"password", "x"}}.dump()).status, 400);
    EXPECT_EQ(admin("PUT", "/api/users/usr_nope", json{{"role", "viewer"}}.dump()).status, 404);

    auto list = admin("GET", "/api/users");
    ASSERT_EQ(list.status, 200);
    EXPECT_EQ(list.body.find("password"), std::string::npos) << list.body;
    EXPECT_EQ(list.body.find("argon2"), std::string::npos) << list.body;
    EXPECT_EQ(admin("DELETE", "/api/users/" + id).status, 204);
    EXPECT_EQ(admin("DELETE", "/api/users/" + id).status, 404);

    auto entries = audit();
    EXPECT_EQ(entries[0].action, "user.delete");
    EXPECT_EQ(entries[0].actor, "admin");
    bool sawUpdate = false;
    for (const auto& e : entries) {
        EXPECT_EQ(e.details.find("another-one"), std::string::npos) << "a password reached the audit log";
        if (e.action == "user.update") sawUpdate = e.details.find("password_changed") != std::string::npos;
    }
    EXPECT_TRUE(sawUpdate);
}

TEST_F(AuthRoutes, LastAdminCannotBeDemotedDisabledOrDeleted) {
    auto boss = ctx.users.create("boss", "correct-horse", Role::admin);
    auto s = loggedIn("boss", "correct-horse");
    for (const auto& body : {json{{"role", "developer"}}, json{{"disabled", true}}}) {
        auto r = withSession(s, "PUT", "/api/users/" + boss.id, body.dump());
        EXPECT_EQ(r.status, 409) << r.body;
    }
    EXPECT_EQ(withSession(s, "DELETE", "/api/users/" + boss.id).status, 409);
    EXPECT_EQ(ctx.users.get(boss.id)->role, Role::admin);

    auto second = withSession(s, "POST", "/api/users", json{{"username", "boss2"}, {"password", "correct-horse"}, {"role", "admin"}}.dump());
    ASSERT_EQ(second.status, 201) << second.body;
    EXPECT_EQ(withSession(s, "PUT", "/api/users/" + boss.id, json{{"role", "viewer"}}.dump()).status, 200);
    EXPECT_EQ(withSession(s, "GET", "/api/users").status, 403) << "the demotion did not take effect on the live session";
    EXPECT_EQ(audit()[0].actor, "boss");
}

// Waits, if needed, so the test runs well inside one 30-second TOTP step.
void awayFromStepBoundary() {
    auto into = (nowMs() / 1000) % totp::kStepSeconds;
    if (into > 20) std::this_thread::sleep_for(std::chrono::seconds(totp::kStepSeconds - into));
}

TEST_F(AuthRoutes, TotpSetupEnableLoginAndDisable) {
    awayFromStepBoundary();
    ctx.users.create("ann", "correct-horse", Role::viewer);
    auto s = loggedIn("ann", "correct-horse");
    auto setup = withSession(s, "POST", "/api/auth/totp/setup");
    ASSERT_EQ(setup.status, 200) << setup.body;
    std::string secret = json::parse(setup.body)["secret"];
    EXPECT_NE(json::parse(setup.body)["otpauth_uri"].get<std::string>().find("secret=" + secret), std::string::npos);
    auto key = *totp::base32Decode(secret);
    auto step = nowMs() / 1000 / totp::kStepSeconds;

    auto bad = withSession(s, "POST", "/api/auth/totp/enable", json{{"code", "000000"}}.dump());
    EXPECT_EQ(bad.status, 400);
    EXPECT_EQ(login("ann", "correct-horse").status, 200) << "TOTP counted before it was enabled";
    auto enable = withSession(s, "POST", "/api/auth/totp/enable", json{{"code", totp::code(key, step - 1)}}.dump());
    ASSERT_EQ(enable.status, 200) << enable.body;
    EXPECT_EQ(audit()[0].action, "user.totp_enable");
    EXPECT_EQ(audit()[0].actor, "ann");
    EXPECT_EQ(admin("GET", "/api/users").body.find(secret), std::string::npos) << "the TOTP secret was shown again";

    auto noCode = login("ann", "correct-horse");
    EXPECT_EQ(noCode.status, 401);
    EXPECT_EQ(errorCode(noCode), "totp_required");
    EXPECT_FALSE(noCode.headers.count("set-cookie"));
    auto replay = login("ann", "correct-horse", {}, totp::code(key, step - 1));
    EXPECT_EQ(replay.status, 401) << "a used code was accepted again";
    EXPECT_EQ(errorCode(replay), "unauthorized");
    EXPECT_EQ(login("ann", "wrong-password", {}, totp::code(key, step)).status, 401);
    auto ok = login("ann", "correct-horse", {}, totp::code(key, step));
    ASSERT_EQ(ok.status, 200) << ok.body;
    EXPECT_EQ(json::parse(ok.body)["user"]["totp_enabled"], true);

    EXPECT_EQ(withSession(s, "POST", "/api/auth/totp/disable", json{{"code", totp::code(key, step)}}.dump()).status, 400);
    auto off = withSession(s, "POST", "/api/auth/totp/disable", json{{"code", totp::code(key, step + 1)}}.dump());
    ASSERT_EQ(off.status, 200) << off.body;
    EXPECT_EQ(audit()[0].action, "user.totp_disable");
    EXPECT_EQ(login("ann", "correct-horse").status, 200);
    // A bearer token is not a user and has no second factor.
    EXPECT_EQ(admin("POST", "/api/auth/totp/setup").status, 400);
}

// A user who lost their authenticator: an admin resets the second factor; nobody can switch it on for them.
TEST_F(AuthRoutes, AdminResetsALostSecondFactor) {
    awayFromStepBoundary();
    auto ann = ctx.users.create("ann", "correct-horse", Role::viewer);
    auto s = loggedIn("ann", "correct-horse");
    auto key = *totp::base32Decode(json::parse(withSession(s, "POST", "/api/auth/totp/setup").body)["secret"].get<std::string>());
    auto step = nowMs() / 1000 / totp::kStepSeconds;
    ASSERT_EQ(withSession(s, "POST", "/api/auth/totp/enable", json{{"code", totp::code(key, step)}}.dump()).status, 200);
    ASSERT_EQ(login("ann", "correct-horse").status, 401);

    auto on = admin("PUT", "/api/users/" + ann.id, json{{"totp_enabled", true}}.dump());
    EXPECT_EQ(on.status, 400) << on.body;
    EXPECT_EQ(login("ann", "correct-horse").status, 401) << "a refused change still reset the factor";
    auto reset = admin("PUT", "/api/users/" + ann.id, json{{"totp_enabled", false}}.dump());
    ASSERT_EQ(reset.status, 200) << reset.body;
    EXPECT_EQ(json::parse(reset.body)["totp_enabled"], false);
    EXPECT_EQ(audit()[0].action, "user.update");
    EXPECT_EQ(login("ann", "correct-horse").status, 200) << "the password alone should sign in after the reset";
}

TEST_F(AuthRoutes, FailedLoginsPerAddressGet429WithRetryAfter) {
    ctx.users.create("ann", "correct-horse", Role::viewer);
    for (int i = 0; i < 10; ++i) EXPECT_EQ(login("ann", "guess-" + std::to_string(i)).status, 401) << i;
    auto blocked = login("ann", "correct-horse");
    EXPECT_EQ(blocked.status, 429) << "the right password got through after ten failures: " << blocked.body;
    EXPECT_EQ(errorCode(blocked), "rate_limited");
    ASSERT_TRUE(blocked.headers.count("retry-after"));
    auto wait = std::stoi(blocked.headers["retry-after"]);
    EXPECT_GE(wait, 1);
    EXPECT_LE(wait, 6);
    // Wrong bearer tokens from the address are refused the same way; a valid token is not.
    EXPECT_EQ(call("GET", "/api/apps", {"Authorization: Bearer rvt_guess"}).status, 429);
    EXPECT_EQ(admin("GET", "/api/apps").status, 200);
    // Another client behind the proxy is not punished for this one.
    EXPECT_EQ(login("ann", "correct-horse", {"X-Forwarded-For: 203.0.113.50"}).status, 200);
}

TEST_F(AuthRoutes, SpoofedForwardedForFromANonProxyPeerDoesNotEscapeTheLimit) {
    ctx.users.create("ann", "correct-horse", Role::viewer);
    auto attempt = [&](int i, const std::string& password) {
        return fromAddress("127.0.0.2", port, "POST", "/api/auth/login",
                           {"Content-Type: application/json", "X-Forwarded-For: 192.0.2." + std::to_string(i)},
                           json{{"username", "ann"}, {"password", password}}.dump());
    };
    for (int i = 0; i < 10; ++i) EXPECT_EQ(attempt(i, "guess").status, 401) << i;
    EXPECT_EQ(attempt(99, "correct-horse").status, 429) << "a fresh X-Forwarded-For reset the limit";
    EXPECT_EQ(login("ann", "correct-horse").status, 200) << "the proxy's own address was blocked for another peer's guesses";
}

}  // namespace
}  // namespace rivetr::api
