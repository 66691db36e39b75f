// Calls to an ApiHarness's server as a viewer, a developer or the admin, answers held to their OpenAPI schema, and the audit: the Docker-manager route tests' client.
#pragma once

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "api/http/openapi.hpp"
#include "api/http/openapi_schema_check.hpp"
#include "api/testing/api_harness.hpp"

namespace rivetr::api::testing {

class RoleClient {
public:
    // Tokens named "viewer-token" and "developer-token" (what the audit names as the actor); the admin
    // uses the harness's admin token.
    explicit RoleClient(ApiHarness& h) : h_(h) {
        for (auto r : {store::Role::viewer, store::Role::developer})
            tokens_[r] = h.ctx.tokens.create(std::string(store::roleName(r)) + "-token", r, std::nullopt).token;
        tokens_[store::Role::admin] = h.adminToken;
    }

    const std::string& token(store::Role role) { return tokens_[role]; }
    std::chrono::seconds timeout{60};  // per call

    test::HttpResponse call(store::Role role, const std::string& method, const std::string& path, const std::string& body = "",
                            const std::string& contentType = "application/json") {
        test::HttpRequest req;
        req.method = method;
        req.url = h_.url(path);
        req.headers = {"Authorization: Bearer " + tokens_[role]};
        if (!body.empty()) req.headers.push_back("Content-Type: " + contentType);
        req.body = body;
        req.timeout = timeout;
        return test::http(req);
    }

    // The answer, checked against the schema the route documents (and so the dashboard's types).
    nlohmann::json conforming(const test::HttpResponse& r, const std::string& schema) {
        nlohmann::json body = nlohmann::json::parse(r.body, nullptr, false);
        std::string problems;
        for (const auto& v : schemaViolations(openApiDocument(h_.routes), {{"$ref", "#/components/schemas/" + schema}}, body))
            problems += "\n  " + v;
        EXPECT_TRUE(problems.empty()) << schema << ":" << problems << "\n" << r.body;
        return body;
    }

    std::vector<store::AuditEntry> audited(const std::string& action) {
        std::vector<store::AuditEntry> out;
        for (const auto& e : h_.ctx.audit.list(1000))
            if (e.action == action) out.push_back(e);
        return out;
    }

private:
    ApiHarness& h_;
    std::map<store::Role, std::string> tokens_;
};

}  // namespace rivetr::api::testing
