// The API client's failures read as one clear line: refused connections and the server's error bodies.
#include "cli/api_client.hpp"

#include <gtest/gtest.h>
#include <stdlib.h>

namespace rivetr::cli {
namespace {

TEST(ApiClient, ErrorBodiesBecomeOneLine) {
    EXPECT_EQ(describeHttpError(400, R"({"error":{"code":"invalid","message":"port must be between 1 and 65535","field":"port"}})"),
              "400 invalid: port must be between 1 and 65535 (field port)");
    EXPECT_EQ(describeHttpError(404, R"({"error":{"code":"not_found","message":"no app \"x\""}})"),
              "404 not_found: no app \"x\"");
    EXPECT_EQ(describeHttpError(502, "<html>bad gateway</html>"), "502: <html>bad gateway</html>");
}

TEST(ApiClient, RefusedConnectionNamesTheUrl) {
    // Port 1 on loopback: nothing listens there on a test machine.
    ApiClient api({"http://127.0.0.1:1", ""});
    try {
        api.get("/health");
        FAIL() << "reached port 1";
    } catch (const ApiError& e) {
        EXPECT_EQ(std::string(e.what()), "cannot reach http://127.0.0.1:1: connection refused");
        EXPECT_EQ(e.status(), 0);
    }
}

TEST(ApiClient, OptionsWinOverEnvironmentOverDefault) {
    ::unsetenv("RIVETR_URL");
    ::unsetenv("RIVETR_TOKEN");
    EXPECT_EQ(resolveClientOptions("", "").url, "http://127.0.0.1:8080");
    ::setenv("RIVETR_URL", "http://env:1/", 1);
    ::setenv("RIVETR_TOKEN", "envtok", 1);
    EXPECT_EQ(resolveClientOptions("", "").url, "http://env:1");
    EXPECT_EQ(resolveClientOptions("", "").token, "envtok");
    EXPECT_EQ(resolveClientOptions("http://opt:2", "opttok").url, "http://opt:2");
    EXPECT_EQ(resolveClientOptions("http://opt:2", "opttok").token, "opttok");
    ::unsetenv("RIVETR_URL");
    ::unsetenv("RIVETR_TOKEN");
}

}  // namespace
}  // namespace rivetr::cli
