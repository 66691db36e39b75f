// The dashboard served by the API server: cache headers, content types, deep-link fallback,
// path traversal refused, a plain page when the frontend was never built, and the browser-side
// hardening headers (CSP, no framing, no sniffing) on every answer.
#include "api/system/dashboard_assets.hpp"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "api/http/api_server.hpp"
#include "tests/support/test_support.hpp"

namespace rivetr::api {
namespace {

namespace fs = std::filesystem;

// A build laid out like Vite's: index.html, a favicon and hashed assets; a secret beside it.
struct Build {
    test::TempDir tmp{"rivetr-dashboard"};
    fs::path dist = tmp / "dist";
    Build() {
        test::writeFile(dist / "index.html", "<!doctype html><div id=root></div>");
        test::writeFile(dist / "favicon.svg", "<svg/>");
        test::writeFile(dist / "assets" / "index-3f2a9c1b.js", "console.log(1)");
        test::writeFile(dist / "assets" / "index-77aa0b12.css", "body{}");
        test::writeFile(tmp / "secret.txt", "top secret");
        fs::create_symlink(tmp / "secret.txt", dist / "assets" / "link-00000000.js");
    }
};

struct Served {
    int port = test::freePort();
    std::shared_ptr<const DashboardAssets> assets;  // before server: its routes hold it
    ApiServer server;
    explicit Served(std::optional<fs::path> dir)
        : assets(std::make_shared<DashboardAssets>(std::move(dir))),
          server(ApiOptions{"127.0.0.1", port, 1, 2}, dashboardRoutes(assets)) {
        server.setFallback(dashboardFallbackRoute(assets));
        server.start();
    }
    std::string url(const std::string& path) const { return "http://127.0.0.1:" + std::to_string(port) + path; }
    test::HttpResponse browserGet(const std::string& path) const {
        return test::httpGet(url(path), {"Accept: text/html,application/xhtml+xml,*/*;q=0.8"});
    }
};

// Headers and Content-Length bytes of body received (Pistache keeps the connection open).
bool wholeResponse(const std::string& out) {
    auto end = out.find("\r\n\r\n");
    if (end == std::string::npos) return false;
    auto cl = out.find("Content-Length: ");
    if (cl == std::string::npos || cl > end) return true;
    return out.size() >= end + 4 + std::stoul(out.substr(cl + 16));
}

// Sends the request line exactly as written (curl would normalise the dot-segments away).
std::string rawGet(int port, const std::string& target) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<std::uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    timeval timeout{5, 0};  // Pistache leaves some malformed targets unanswered: no answer is no leak
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
        close(fd);
        return {};
    }
    std::string req = "GET " + target + " HTTP/1.1\r\nHost: x\r\nAccept: */*\r\nConnection: close\r\n\r\n";
    if (send(fd, req.data(), req.size(), 0) < 0) return {};
    std::string out;
    char buf[4096];
    for (ssize_t n; !wholeResponse(out) && (n = recv(fd, buf, sizeof buf, 0)) > 0;) {
        out.append(buf, static_cast<std::size_t>(n));
    }
    close(fd);
    return out;
}

// The dashboard served from a build: what most of these tests ask.
struct BuiltDashboard : ::testing::Test {
    Build b;
    Served s{b.dist};
};

TEST_F(BuiltDashboard, IndexIsRevalidatedEveryTime) {
    auto r = s.browserGet("/");
    ASSERT_EQ(r.status, 200) << r.error;
    EXPECT_EQ(r.body, "<!doctype html><div id=root></div>");
    EXPECT_EQ(r.headers["content-type"], "text/html; charset=utf-8");
    EXPECT_EQ(r.headers["cache-control"], "no-cache");
}

TEST_F(BuiltDashboard, EveryAnswerForbidsFramingSniffingAndForeignScripts) {
    for (const char* path : {"/", "/apps/web", "/assets/index-3f2a9c1b.js", "/assets/index-77aa0b12.css", "/favicon.svg"}) {
        auto r = s.browserGet(path);
        ASSERT_EQ(r.status, 200) << path;
        const auto& csp = r.headers["content-security-policy"];
        for (const char* directive : {"default-src 'self'", "script-src 'self';", "style-src 'self';", "object-src 'none'",
                                      "base-uri 'none'", "frame-ancestors 'none'"}) {
            EXPECT_NE(csp.find(directive), std::string::npos) << path << " lacks " << directive << " in: " << csp;
        }
        // The one exception, and only it: <style> elements a script adds (xterm.js, security_headers.hpp).
        // Scripts and style attributes never get an 'unsafe-' source.
        const std::string styleElements = "style-src-elem 'self' 'unsafe-inline';";
        auto rest = csp;
        if (auto at = rest.find(styleElements); at != std::string::npos) rest.erase(at, styleElements.size());
        EXPECT_EQ(rest.find("unsafe-"), std::string::npos) << path << ": " << csp;
        EXPECT_EQ(csp.find("style-src-attr"), std::string::npos) << "style attributes fall back to style-src 'self'";
        EXPECT_EQ(r.headers["x-frame-options"], "DENY") << path;
        EXPECT_EQ(r.headers["x-content-type-options"], "nosniff") << path;
    }
    // JSON (the API's 404 here) may load nothing at all.
    auto json = test::httpGet(s.url("/api/nothing"));
    EXPECT_EQ(json.status, 404);
    EXPECT_EQ(json.headers["content-security-policy"], "default-src 'none'; frame-ancestors 'none'");
    EXPECT_EQ(json.headers["x-frame-options"], "DENY");
    EXPECT_EQ(json.headers["x-content-type-options"], "nosniff");
}

TEST_F(BuiltDashboard, HashedAssetsAreCachedForeverWithTheirType) {
    auto js = test::httpGet(s.url("/assets/index-3f2a9c1b.js"));
    ASSERT_EQ(js.status, 200) << js.error;
    EXPECT_EQ(js.body, "console.log(1)");
    EXPECT_EQ(js.headers["content-type"], "text/javascript; charset=utf-8");
    EXPECT_EQ(js.headers["cache-control"], "public, max-age=31536000, immutable");
    auto css = test::httpGet(s.url("/assets/index-77aa0b12.css"));
    EXPECT_EQ(css.headers["content-type"], "text/css; charset=utf-8");
    EXPECT_EQ(test::httpGet(s.url("/favicon.svg")).headers["content-type"], "image/svg+xml");
    auto missing = test::httpGet(s.url("/assets/index-00000000.js"));
    EXPECT_EQ(missing.status, 404);
    EXPECT_EQ(missing.headers.count("cache-control"), 0U) << "a 404 must not be cached forever";
}

TEST_F(BuiltDashboard, DeepLinksFromABrowserGetTheApp) {
    for (std::string path : {"/apps", "/apps/shop/deployments", "/settings?tab=users"}) {
        auto r = s.browserGet(path);
        EXPECT_EQ(r.status, 200) << path;
        EXPECT_EQ(r.body, "<!doctype html><div id=root></div>") << path;
    }
}

TEST_F(BuiltDashboard, ApiPathsAndNonBrowsersKeepTheJson404) {
    for (std::string path : {"/api/nope", "/webhooks/unknown", "/api"}) {
        auto r = s.browserGet(path);
        EXPECT_EQ(r.status, 404) << path;
        EXPECT_EQ(r.headers["content-type"], "application/json") << path;
        EXPECT_NE(r.body.find("not_found"), std::string::npos) << path;
    }
    EXPECT_EQ(test::httpGet(s.url("/apps"), {"Accept: application/json"}).status, 404);
    test::HttpRequest post;
    post.method = "POST";
    post.url = s.url("/apps");
    post.headers = {"Accept: text/html"};
    post.body = "{}";
    EXPECT_EQ(test::http(post).status, 404);
}

TEST_F(BuiltDashboard, PathTraversalNeverLeavesTheBuild) {
    EXPECT_NE(rawGet(s.port, "/assets/index-3f2a9c1b.js").find("console.log(1)"), std::string::npos);
    for (std::string target : {"/assets/../../secret.txt", "/assets/..%2F..%2Fsecret.txt", "/../secret.txt",
                               "/assets/%2e%2e/%2e%2e/secret.txt", "/assets/link-00000000.js", "/..%2fsecret.txt"}) {
        auto raw = rawGet(s.port, target);
        EXPECT_EQ(raw.find("top secret"), std::string::npos) << target << "\n" << raw;
    }
}

TEST(DashboardAssets, WithoutABuildThePageSaysHowToBuildIt) {
    Served s(std::nullopt);
    auto r = s.browserGet("/");
    ASSERT_EQ(r.status, 200) << r.error;
    EXPECT_EQ(r.headers["content-type"], "text/html; charset=utf-8");
    EXPECT_NE(r.body.find("dashboard was not built"), std::string::npos);
    EXPECT_NE(r.body.find("npm run build"), std::string::npos);
    EXPECT_EQ(s.browserGet("/apps").status, 200);
    EXPECT_EQ(test::httpGet(s.url("/assets/index-3f2a9c1b.js")).status, 404);
}

TEST(DashboardAssets, LocatesTheBuildBesideTheBinaryOrWhereConfigured) {
    Build b;
    test::TempDir prefix("rivetr-prefix");
    test::writeFile(prefix / "share/rivetr/dashboard/index.html", "x");
    auto exe = prefix.path() / "bin" / "rivetr";
    test::writeFile(exe, "");  // bin/.. must exist for the kernel to resolve it
    EXPECT_EQ(locateDashboard({}, exe), fs::weakly_canonical(prefix / "share/rivetr/dashboard"));
    EXPECT_EQ(locateDashboard({b.dist}, exe), b.dist);
    EXPECT_EQ(locateDashboard({b.tmp / "nowhere"}, exe), std::nullopt) << "a configured dir is the only one tried";
}

TEST(DashboardAssets, SafeFileNamesAreSingleVisibleSegments) {
    EXPECT_TRUE(safeFileName("index-3f2a9c1b.js"));
    for (std::string bad : {"", ".", "..", ".env", "a/b", "..%2f", "a\\b", "x..y"}) EXPECT_FALSE(safeFileName(bad)) << bad;
}

}  // namespace
}  // namespace rivetr::api
