// A user's own account over real HTTP: changing the password (other sessions end, this browser
// stays signed in, wrong guesses count like failed logins), an admin's reset ending the sessions,
// and recovery codes (issued once with TOTP, good once at sign-in, regenerated with proof, gone
// with an admin's reset of the second factor).
#include <gtest/gtest.h>

#include "api/auth/auth_routes_fixture.hpp"
#include "api/http/openapi_schema_check.hpp"

namespace rivetr::api {
namespace {

using nlohmann::json;
using store::Role;

int auditCount(const std::vector<store::AuditEntry>& entries, const std::string& action) {
    int n = 0;
    for (const auto& e : entries) n += e.action == action;
    return n;
}

// The details of the newest entry with this action ("" when none).
std::string latestDetails(const std::vector<store::AuditEntry>& entries, const std::string& action) {
    for (const auto& e : entries) {
        if (e.action == action) return e.details;
    }
    return "";
}

class Account : public AuthRoutes {
protected:
    test::HttpResponse changePassword(const Session& s, const std::string& current, const std::string& next) {
        return withSession(s, "POST", "/api/auth/password", json{{"current_password", current}, {"new_password", next}}.dump());
    }
    std::string errorField(const test::HttpResponse& r) {
        return json::parse(r.body, nullptr, false).value("/error/field"_json_pointer, std::string());
    }
    // Viewer ann, signed in, with TOTP on: her session, her user, the recovery codes she was shown
    // and her authenticator's key.
    struct WithTotp {
        Session session;
        store::UserRecord user;
        std::vector<std::string> codes;
        crypto::Bytes key;
    };
    WithTotp annWithTotp() {
        awayFromStepBoundary();
        WithTotp a{{}, ctx.users.create("ann", "correct-horse", Role::viewer), {}, {}};
        a.session = loggedIn("ann", "correct-horse");
        a.key = turnOnTotp(a.session, &a.codes);
        return a;
    }
    int remaining(const Session& s) {
        auto r = withSession(s, "GET", "/api/auth/recovery-codes");
        EXPECT_EQ(r.status, 200) << r.body;
        return json::parse(r.body).value("remaining", -1);
    }
};

TEST_F(Account, ChangingThePasswordEndsOtherSessionsAndKeepsThisBrowserSignedIn) {
    auto ann = ctx.users.create("ann", "correct-horse", Role::developer);
    auto here = loggedIn("ann", "correct-horse");
    auto elsewhere = loggedIn("ann", "correct-horse");

    auto wrong = changePassword(here, "not-my-password", "battery-staple");
    EXPECT_EQ(wrong.status, 403) << wrong.body;
    EXPECT_EQ(errorCode(wrong), "wrong_password");
    EXPECT_EQ(errorField(wrong), "current_password");
    EXPECT_EQ(audit()[0].action, "auth.password_check_failed");
    const std::vector<std::pair<json, std::string>> bad{
        {{{"new_password", "battery-staple"}}, "current_password"},
        {{{"current_password", "correct-horse"}}, "new_password"},
        {{{"current_password", "correct-horse"}, {"new_password", "short"}}, "new_password"},
        {{{"current_password", "correct-horse"}, {"new_password", "correct-horse"}}, "new_password"},
        {{{"current_password", "correct-horse"}, {"new_password", "battery-staple"}, {"role", "admin"}}, "role"},
    };
    for (const auto& [body, field] : bad) {
        auto r = withSession(here, "POST", "/api/auth/password", body.dump());
        EXPECT_EQ(r.status, 400) << body;
        EXPECT_EQ(errorField(r), field) << r.body;
    }
    EXPECT_EQ(withSession(elsewhere, "GET", "/api/auth/me").status, 200) << "a refused change ended a session";

    auto ok = changePassword(here, "correct-horse", "battery-staple");
    ASSERT_EQ(ok.status, 200) << ok.body;
    auto body = json::parse(ok.body);
    EXPECT_EQ(body["user"]["username"], "ann");
    EXPECT_EQ(body["session_reissued"], true);
    auto cookie = ok.headers["set-cookie"];
    ASSERT_EQ(cookie.rfind("rivetr_session=", 0), 0u) << cookie;
    Session renewed{cookie.substr(0, cookie.find(';')), body["csrf_token"]};
    EXPECT_EQ(withSession(renewed, "GET", "/api/auth/me").status, 200) << "the browser that changed it was signed out";
    EXPECT_EQ(withSession(renewed, "POST", "/api/apps", json{{"name", "still-in"}, {"git_url", "https://e.com/a.git"}, {"port", 80}}.dump()).status,
              201) << "the new CSRF token does not work";
    EXPECT_EQ(withSession(here, "GET", "/api/auth/me").status, 401) << "the old session cookie still works";
    EXPECT_EQ(withSession(elsewhere, "GET", "/api/auth/me").status, 401) << "another session survived the change";
    EXPECT_EQ(login("ann", "correct-horse").status, 401) << "the old password still signs in";
    EXPECT_EQ(login("ann", "battery-staple").status, 200);

    bool sawChange = false;
    for (const auto& e : audit()) {
        EXPECT_EQ(e.details.find("battery-staple"), std::string::npos) << "a password reached the audit log";
        EXPECT_EQ(e.details.find("not-my-password"), std::string::npos) << "a password reached the audit log";
        if (e.action == "user.password_change") sawChange = e.actor == "ann" && e.targetId == ann.id;
    }
    EXPECT_TRUE(sawChange);
}

TEST_F(Account, WrongCurrentPasswordsAreLimitedLikeFailedLogins) {
    ctx.users.create("ann", "correct-horse", Role::viewer);
    auto s = loggedIn("ann", "correct-horse");
    for (int i = 0; i < 10; ++i) EXPECT_EQ(changePassword(s, "guess-" + std::to_string(i), "battery-staple").status, 403) << i;
    auto blocked = changePassword(s, "correct-horse", "battery-staple");
    EXPECT_EQ(blocked.status, 429) << "the right password got through after ten wrong ones: " << blocked.body;
    EXPECT_TRUE(blocked.headers.count("retry-after"));
    EXPECT_EQ(login("ann", "correct-horse").status, 429) << "the guesses did not count against the address's logins";
    EXPECT_TRUE(ctx.users.checkPassword("ann", "correct-horse")) << "a refused change changed the password";
    EXPECT_EQ(auditCount(audit(), "auth.password_check_failed"), 10);
}

TEST_F(Account, ATokenItsUserCreatedMayChangeThePasswordTheAdminTokenMayNot) {
    ctx.users.create("ann", "correct-horse", Role::admin);  // minting tokens is for admins
    auto s = loggedIn("ann", "correct-horse");
    auto minted = withSession(s, "POST", "/api/tokens", json{{"name", "ann-cli"}}.dump());
    ASSERT_EQ(minted.status, 201) << minted.body;
    auto bearer = "Authorization: Bearer " + json::parse(minted.body)["token"].get<std::string>();
    auto asAdmin = admin("POST", "/api/auth/password", json{{"current_password", "x"}, {"new_password", "battery-staple"}}.dump());
    EXPECT_EQ(asAdmin.status, 400) << asAdmin.body;

    auto ok = call("POST", "/api/auth/password", {bearer},
                   json{{"current_password", "correct-horse"}, {"new_password", "battery-staple"}}.dump());
    ASSERT_EQ(ok.status, 200) << ok.body;
    EXPECT_EQ(json::parse(ok.body)["session_reissued"], false);
    EXPECT_FALSE(ok.headers.count("set-cookie")) << "a script got a session cookie";
    EXPECT_EQ(withSession(s, "GET", "/api/auth/me").status, 401) << "the browser session survived the change";
    EXPECT_EQ(call("GET", "/api/auth/me", {bearer}).status, 200) << "API tokens are separate credentials and stay";
    EXPECT_EQ(login("ann", "battery-staple").status, 200);
}

TEST_F(Account, AnAdminsPasswordResetEndsTheUsersSessions) {
    auto ann = ctx.users.create("ann", "correct-horse", Role::developer);
    auto s = loggedIn("ann", "correct-horse");
    auto reset = admin("PUT", "/api/users/" + ann.id, json{{"password", "given-by-admin"}}.dump());
    ASSERT_EQ(reset.status, 200) << reset.body;
    EXPECT_EQ(withSession(s, "GET", "/api/auth/me").status, 401) << "the user's session outlived the reset";
    EXPECT_EQ(login("ann", "correct-horse").status, 401);
    EXPECT_EQ(login("ann", "given-by-admin").status, 200);
    EXPECT_NE(latestDetails(audit(), "user.update").find("password_changed"), std::string::npos);
}

TEST_F(Account, TurningTotpOnGivesRecoveryCodesThatEachSignInOnce) {
    auto [s, ann, codes, key] = annWithTotp();
    ASSERT_EQ(codes.size(), 10u);
    EXPECT_EQ(remaining(s), 10);
    EXPECT_EQ(admin("GET", "/api/users").body.find(codes[0]), std::string::npos);

    auto first = login("ann", "correct-horse", {}, codes[0]);
    ASSERT_EQ(first.status, 200) << "a recovery code did not sign in: " << first.body;
    EXPECT_EQ(json::parse(first.body)["recovery_codes_remaining"], 9);
    auto byTotp = login("ann", "correct-horse", {}, totp::code(key, nowMs() / 1000 / totp::kStepSeconds));
    ASSERT_EQ(byTotp.status, 200) << byTotp.body;
    EXPECT_FALSE(json::parse(byTotp.body).contains("recovery_codes_remaining")) << byTotp.body;
    auto reuse = login("ann", "correct-horse", {}, codes[0]);
    EXPECT_EQ(reuse.status, 401) << "a used recovery code signed in again";
    EXPECT_EQ(errorCode(reuse), "unauthorized");
    // Typed by hand: upper case, no dashes.
    std::string typed;
    for (char c : codes[1]) {
        if (c != '-') typed += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    EXPECT_EQ(login("ann", "correct-horse", {}, typed).status, 200);
    EXPECT_EQ(login("ann", "wrong-password", {}, codes[2]).status, 401);
    EXPECT_EQ(remaining(s), 8) << "a refused login spent a code";

    auto entries = audit();
    EXPECT_EQ(auditCount(entries, "auth.recovery_code_used"), 2);
    for (const auto& e : entries) {
        if (e.action == "auth.recovery_code_used") {
            EXPECT_EQ(e.targetId, ann.id);
        }
        for (const auto& c : codes) EXPECT_EQ(e.details.find(c), std::string::npos) << "a recovery code reached the audit log";
    }
    EXPECT_NE(latestDetails(entries, "auth.recovery_code_used").find("\"remaining\":8"), std::string::npos);
}

TEST_F(Account, RecoveryCodeGuessesShareTheTotpLockout) {
    auto [s, ann, codes, key] = annWithTotp();
    for (int i = 0; i < 5; ++i) {
        auto r = fromAddress("127.0.3." + std::to_string(i + 1), port, "POST", "/api/auth/login", {"Content-Type: application/json"},
                             json{{"username", "ann"}, {"password", "correct-horse"}, {"totp", "zzzz-zzzz-zzzz-zzz" + std::to_string(i)}}.dump());
        EXPECT_EQ(r.status, 401) << i;
    }
    auto locked = login("ann", "correct-horse", {}, codes[0]);
    EXPECT_EQ(locked.status, 429) << "a recovery code got through the account's lock: " << locked.body;
    EXPECT_EQ(remaining(s), 10) << "a refused sign-in spent a recovery code";
}

TEST_F(Account, RegeneratingNeedsProofAndVoidsTheOldCodes) {
    awayFromStepBoundary();
    ctx.users.create("ann", "correct-horse", Role::viewer);
    auto s = loggedIn("ann", "correct-horse");
    auto noTotp = withSession(s, "POST", "/api/auth/recovery-codes", json{{"password", "correct-horse"}}.dump());
    EXPECT_EQ(noTotp.status, 409) << noTotp.body;
    EXPECT_EQ(remaining(s), 0);
    std::vector<std::string> old;
    auto key = turnOnTotp(s, &old);

    auto none = withSession(s, "POST", "/api/auth/recovery-codes", "{}");
    EXPECT_EQ(none.status, 400);
    EXPECT_EQ(errorField(none), "code");
    auto wrongCode = withSession(s, "POST", "/api/auth/recovery-codes", json{{"code", "000000"}}.dump());
    EXPECT_EQ(wrongCode.status, 400);
    EXPECT_EQ(errorField(wrongCode), "code");
    auto wrongPassword = withSession(s, "POST", "/api/auth/recovery-codes", json{{"password", "guess-pass"}}.dump());
    EXPECT_EQ(wrongPassword.status, 403);
    EXPECT_EQ(errorField(wrongPassword), "password");
    EXPECT_EQ(login("ann", "correct-horse", {}, old[0]).status, 200) << "a refused regeneration voided the codes";

    auto byPassword = withSession(s, "POST", "/api/auth/recovery-codes", json{{"password", "correct-horse"}}.dump());
    ASSERT_EQ(byPassword.status, 200) << byPassword.body;
    auto fresh = json::parse(byPassword.body)["recovery_codes"].get<std::vector<std::string>>();
    ASSERT_EQ(fresh.size(), 10u);
    EXPECT_EQ(json::parse(byPassword.body)["remaining"], 10);
    EXPECT_EQ(login("ann", "correct-horse", {}, old[1]).status, 401) << "a code from before the regeneration signed in";
    EXPECT_EQ(login("ann", "correct-horse", {}, fresh[0]).status, 200);

    auto step = nowMs() / 1000 / totp::kStepSeconds;
    auto byCode = withSession(s, "POST", "/api/auth/recovery-codes", json{{"code", totp::code(key, step)}}.dump());
    ASSERT_EQ(byCode.status, 200) << byCode.body;
    EXPECT_EQ(login("ann", "correct-horse", {}, fresh[1]).status, 401);
    auto entries = audit();
    EXPECT_EQ(auditCount(entries, "user.recovery_codes_regenerate"), 2);
    EXPECT_NE(latestDetails(entries, "user.recovery_codes_regenerate").find("\"proof\":\"totp\""), std::string::npos);
    // A bearer token is not a user and has no codes.
    EXPECT_EQ(admin("GET", "/api/auth/recovery-codes").status, 400);
}

TEST_F(Account, AnAdminsResetOfTheSecondFactorDeletesTheRecoveryCodes) {
    auto [s, ann, codes, key] = annWithTotp();
    ASSERT_EQ(admin("PUT", "/api/users/" + ann.id, json{{"totp_enabled", false}}.dump()).status, 200);
    EXPECT_EQ(remaining(s), 0);
    std::vector<std::string> second;
    turnOnTotp(s, &second);
    EXPECT_EQ(login("ann", "correct-horse", {}, codes[0]).status, 401) << "a code from the reset factor came back to life";
    EXPECT_EQ(login("ann", "correct-horse", {}, second[0]).status, 200);
}

// The answers as the OpenAPI document describes them, so the dashboard's generated types hold.
TEST_F(Account, AnswersMatchTheOpenApiDocument) {
    auto doc = json::parse(admin("GET", "/api/openapi.json").body);
    auto expectDocumented = [&](const std::string& method, const std::string& path, const test::HttpResponse& r) {
        ASSERT_EQ(r.status, 200) << method << " " << path << ": " << r.body;
        auto schema = doc["paths"][path][method]["responses"]["200"]["content"]["application/json"]["schema"];
        for (const auto& v : schemaViolations(doc, schema, json::parse(r.body))) ADD_FAILURE() << method << " " << path << ": " << v;
    };
    awayFromStepBoundary();
    ctx.users.create("ann", "correct-horse", Role::viewer);
    auto s = loggedIn("ann", "correct-horse");
    auto setup = withSession(s, "POST", "/api/auth/totp/setup");
    auto key = *totp::base32Decode(json::parse(setup.body)["secret"].get<std::string>());
    auto step = nowMs() / 1000 / totp::kStepSeconds;
    auto enabled = withSession(s, "POST", "/api/auth/totp/enable", json{{"code", totp::code(key, step - 1)}}.dump());
    expectDocumented("post", "/api/auth/totp/enable", enabled);
    auto codes = json::parse(enabled.body)["recovery_codes"];
    expectDocumented("post", "/api/auth/login", login("ann", "correct-horse", {}, codes[0]));
    expectDocumented("get", "/api/auth/recovery-codes", withSession(s, "GET", "/api/auth/recovery-codes"));
    expectDocumented("post", "/api/auth/recovery-codes",
                     withSession(s, "POST", "/api/auth/recovery-codes", json{{"password", "correct-horse"}}.dump()));
    expectDocumented("post", "/api/auth/password", withSession(s, "POST", "/api/auth/password",
                                                               json{{"current_password", "correct-horse"}, {"new_password", "battery-staple"}}.dump()));
}

}  // namespace
}  // namespace rivetr::api
