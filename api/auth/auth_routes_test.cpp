// Authentication over real HTTP: login/logout/me with the session cookie, CSRF on cookie mutations,
// TOTP and its per-account back-off, disabled users, the last-admin rule, API tokens that end with
// their owner, failed-login rate limits and X-Forwarded-For trust (only with our proxy's mark).
#include <gtest/gtest.h>

#include "api/auth/auth_routes_fixture.hpp"
#include "api/auth/totp.hpp"
#include "core/clock.hpp"
#include "core/proxy_mark.hpp"

namespace rivetr::api {
namespace {

using nlohmann::json;
using store::Role;

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
    auto viaProxy = login("ann", "correct-horse", {"X-Forwarded-Proto: https", "X-Forwarded-For: 203.0.113.9", kMarked});
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
    turnOnTotp(loggedIn("ann", "correct-horse"));
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
    EXPECT_EQ(login("ann", "correct-horse", {"X-Forwarded-For: 203.0.113.50", kMarked}).status, 200);
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

TEST_F(AuthRoutes, WrongTotpCodesFromManyAddressesAreLimitedPerAccount) {
    awayFromStepBoundary();
    auto ann = ctx.users.create("ann", "correct-horse", Role::viewer);
    auto key = turnOnTotp(loggedIn("ann", "correct-horse"));
    auto step = nowMs() / 1000 / totp::kStepSeconds;
    auto attempt = [&](const std::string& from, const std::string& code) {
        return fromAddress(from, port, "POST", "/api/auth/login", {"Content-Type: application/json"},
                           json{{"username", "ann"}, {"password", "correct-horse"}, {"totp", code}}.dump());
    };
    // One wrong code from each of 100 addresses: no address ever reaches its own failure budget.
    std::map<long, int> statuses;
    std::string retryAfter;
    for (int i = 1; i <= 100; ++i) {
        auto r = attempt("127.0.1." + std::to_string(i), totp::code(key, step + 1000));
        ++statuses[r.status];
        if (r.status == 429) retryAfter = r.headers["retry-after"];
    }
    EXPECT_EQ(statuses[401], 5) << "the free wrong codes (typos) per account";
    EXPECT_EQ(statuses[429], 95) << "wrong codes from rotating addresses were not limited per account";
    ASSERT_FALSE(retryAfter.empty());
    EXPECT_GE(std::stoi(retryAfter), 1);
    EXPECT_LE(std::stoi(retryAfter), 30);
    // While locked even the right code, from a fresh address, is refused: guessing learns nothing.
    EXPECT_EQ(attempt("127.0.2.1", totp::code(key, step)).status, 429);

    int lockStarted = 0, refusedWhileLocked = 0;
    for (const auto& e : audit()) {
        if (e.action == "auth.totp_locked" && e.targetId == ann.id) ++lockStarted;
        if (e.action == "auth.login_failed" && e.details.find("totp_locked") != std::string::npos) ++refusedWhileLocked;
    }
    EXPECT_EQ(lockStarted, 1);
    EXPECT_EQ(refusedWhileLocked, 96) << "refusals of a locked account were not audited";
    // Another account is not locked by ann's.
    ctx.users.create("bob", "correct-horse", Role::viewer);
    EXPECT_EQ(login("bob", "correct-horse").status, 200);
}

TEST_F(AuthRoutes, ATokenEndsWithItsOwnerAndTheListNamesTheOwner) {
    for (const char* name : {"ann", "bob", "cat"}) ctx.users.create(name, "correct-horse", Role::admin);
    auto mint = [&](const std::string& user) {
        auto r = withSession(loggedIn(user, "correct-horse"), "POST", "/api/tokens",
                             json{{"name", user + "-ci"}, {"role", "admin"}}.dump());
        EXPECT_EQ(r.status, 201) << r.body;
        return json::parse(r.body);
    };
    auto status = [&](const json& t) {
        return call("GET", "/api/apps", {"Authorization: Bearer " + t["token"].get<std::string>()}).status;
    };
    auto ownerOf = [&](const std::string& tokenName) {
        for (const auto& t : json::parse(admin("GET", "/api/tokens").body)) {
            if (t["name"] == tokenName) return t["owner"];
        }
        return json("no such token");
    };
    auto idOf = [&](const std::string& user) {
        for (const auto& u : ctx.users.list()) {
            if (u.username == user) return u.id;
        }
        return std::string();
    };
    auto ann = mint("ann"), bob = mint("bob"), cat = mint("cat");
    EXPECT_EQ(ann["owner"], (json{{"type", "user"}, {"user_id", idOf("ann")}, {"name", "ann"}}));
    auto root = admin("POST", "/api/tokens", json{{"name", "root-ci"}}.dump());
    ASSERT_EQ(root.status, 201) << root.body;
    EXPECT_EQ(ownerOf("root-ci"), (json{{"type", "admin_token"}, {"user_id", nullptr}, {"name", "admin"}}));
    EXPECT_EQ(ownerOf("bob-ci")["name"], "bob");
    for (const auto& t : {ann, bob, cat}) EXPECT_EQ(status(t), 200);

    ASSERT_EQ(admin("PUT", "/api/users/" + idOf("bob"), json{{"disabled", true}}.dump()).status, 200);
    EXPECT_EQ(status(bob), 401) << "the token of a disabled user still works";
    EXPECT_NE(audit()[0].details.find("\"tokens_revoked\":1"), std::string::npos) << audit()[0].details;
    ASSERT_EQ(admin("PUT", "/api/users/" + idOf("bob"), json{{"disabled", false}}.dump()).status, 200);
    EXPECT_EQ(status(bob), 401) << "enabling the user again revived a revoked token";

    ASSERT_EQ(admin("DELETE", "/api/users/" + idOf("cat")).status, 204);
    EXPECT_EQ(status(cat), 401) << "the token of a deleted user still works";

    // The admin may hand the tokens over instead; a bad heir changes nothing.
    auto annId = idOf("ann");
    for (const auto& heir : std::vector<std::string>{"nobody", "ann", annId}) {
        auto r = admin("DELETE", "/api/users/" + annId + "?transfer_tokens_to=" + heir);
        EXPECT_EQ(r.status, 400) << heir << ": " << r.body;
        EXPECT_EQ(errorCode(r), "invalid");
    }
    EXPECT_EQ(admin("PUT", "/api/users/" + annId, json{{"transfer_tokens_to", "bob"}}.dump()).status, 400);
    ASSERT_TRUE(ctx.users.get(annId)) << "a refused delete removed the user";
    ASSERT_EQ(admin("DELETE", "/api/users/" + annId + "?transfer_tokens_to=bob").status, 204);
    EXPECT_EQ(status(ann), 200) << "a handed-over token stopped working";
    EXPECT_EQ(ownerOf("ann-ci")["name"], "bob");
    EXPECT_NE(audit()[0].details.find("\"tokens_transferred\":1"), std::string::npos) << audit()[0].details;
    EXPECT_EQ(status(json::parse(root.body)), 200) << "a token the admin token minted depends on no user";
}

// Any local process is a loopback peer like our proxy: its X-Forwarded-For must not count, or
// rotating it escapes the per-address login limit. Only requests with our proxy's mark speak for a client.
TEST_F(AuthRoutes, ForwardedForCountsOnlyWithOurProxysMark) {
    ctx.users.create("ann", "correct-horse", Role::viewer);
    auto from = [](int i) { return "X-Forwarded-For: 192.0.2." + std::to_string(i); };
    for (int i = 0; i < 10; ++i) EXPECT_EQ(login("ann", "guess", {from(i)}).status, 401) << i;
    EXPECT_EQ(login("ann", "correct-horse", {from(100)}).status, 429) << "a fresh X-Forwarded-For from loopback reset the limit";
    const std::string header(kProxyMarkHeader);
    for (const auto& forged :
         std::vector<std::string>{header + ": " + std::string(kProxyMark).substr(1), header + ": ", header + ": x" + kProxyMark}) {
        EXPECT_EQ(login("ann", "correct-horse", {from(101), forged}).status, 429) << forged;
    }
    auto viaProxy = login("ann", "correct-horse", {from(102), kMarked});
    EXPECT_EQ(viaProxy.status, 200) << "the proxy's marked X-Forwarded-For was not honoured: " << viaProxy.body;
    EXPECT_EQ(audit()[0].ip, "192.0.2.102");
}

}  // namespace
}  // namespace rivetr::api
