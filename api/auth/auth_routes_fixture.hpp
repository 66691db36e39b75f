// The auth tests' server: a control API on a real port with users, sessions and TOTP, and the
// calls a browser or script makes against it (shared by auth_routes_test and account_routes_test).
#pragma once

#include <gtest/gtest.h>

#include <thread>

#include "api/http/api_server.hpp"
#include "api/route_table.hpp"
#include "api/auth/totp.hpp"
#include "core/clock.hpp"
#include "core/proxy_mark.hpp"
#include "store/store.hpp"
#include "tests/support/test_support.hpp"

namespace rivetr::api {

inline constexpr const char* kAdminToken = "admin-token-for-the-auth-tests-0123";
inline constexpr const char* kProxyMark = "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0";
// What our proxy adds to the requests it forwards (core/proxy_mark.hpp).
inline const std::string kMarked = std::string(kProxyMarkHeader) + ": " + kProxyMark;

inline AuthOptions fastOptions() {
    AuthOptions o;
    o.passwordCost = {64, 1, 1};
    o.proxyMark = kProxyMark;
    return o;
}

// A request whose TCP source is `fromIp` (any 127/8 address reaches the server on 127.0.0.1):
// how a client that is not our proxy looks to the API.
inline test::HttpResponse fromAddress(const std::string& fromIp, int port, const std::string& method,
                                      const std::string& path, const std::vector<std::string>& headers,
                                      const std::string& body) {
    test::HttpRequest req;
    req.method = method;
    req.url = "http://127.0.0.1:" + std::to_string(port) + path;
    req.headers = headers;
    req.body = body;
    req.sourceAddress = fromIp;
    return test::http(req);
}

class AuthRoutes : public ::testing::Test {
protected:
    using json = nlohmann::json;
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
    // Sets up and turns on TOTP for the session's user with the previous step's code (so the
    // current one is still unused); answers the authenticator app's key and, in `recoveryCodes`,
    // the codes the answer showed.
    crypto::Bytes turnOnTotp(const Session& s, std::vector<std::string>* recoveryCodes = nullptr) {
        auto setup = withSession(s, "POST", "/api/auth/totp/setup");
        auto key = *totp::base32Decode(json::parse(setup.body)["secret"].get<std::string>());
        auto step = nowMs() / 1000 / totp::kStepSeconds;
        auto on = withSession(s, "POST", "/api/auth/totp/enable", json{{"code", totp::code(key, step - 1)}}.dump());
        EXPECT_EQ(on.status, 200) << on.body;
        if (recoveryCodes) *recoveryCodes = json::parse(on.body).value("recovery_codes", std::vector<std::string>{});
        return key;
    }
};

// Waits, if needed, so the test runs well inside one 30-second TOTP step.
inline void awayFromStepBoundary() {
    auto into = (nowMs() / 1000) % totp::kStepSeconds;
    if (into > 20) std::this_thread::sleep_for(std::chrono::seconds(totp::kStepSeconds - into));
}

}  // namespace rivetr::api
