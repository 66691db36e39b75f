// Tests only: an answer of the real server held to what the OpenAPI document says the route answers.
#pragma once

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "api/http/openapi_schema_check.hpp"
#include "tests/support/test_support.hpp"

namespace rivetr::api {

// What the document says a route answers (its status, else `default`) against what it answered.
inline void expectDocumented(const nlohmann::json& doc, const std::string& method, const std::string& path, const test::HttpResponse& r) {
    std::string lower = method;
    for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    ASSERT_TRUE(doc["paths"].contains(path) && doc["paths"][path].contains(lower)) << method << " " << path;
    const auto& responses = doc["paths"][path][lower]["responses"];
    const auto status = std::to_string(r.status);
    const auto& documented = responses.contains(status) ? responses[status] : responses["default"];
    auto content = documented.value("content", nlohmann::json::object());
    if (!content.contains("application/json")) {
        EXPECT_TRUE(r.body.empty()) << method << " " << path << " answered a body the document does not describe";
        return;
    }
    auto body = nlohmann::json::parse(r.body, nullptr, false);
    ASSERT_FALSE(body.is_discarded()) << method << " " << path << ": " << r.body;
    std::string problems;
    for (const auto& v : schemaViolations(doc, content["application/json"]["schema"], body)) problems += "\n  " + v;
    EXPECT_TRUE(problems.empty()) << method << " " << path << " (" << r.status << ") departs from its schema:" << problems
                                  << "\n" << r.body;
}

}  // namespace rivetr::api
