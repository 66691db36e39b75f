// Serves the built React dashboard (frontend/dist) from the API origin: `/`, `/assets/*` and the
// single-page-app fallback, with cache headers; a plain "not built" page when there is no build.
#include "api/system/dashboard_assets.hpp"

#include <map>

#include "core/log.hpp"
#include "core/text.hpp"

namespace rivetr::api {
namespace {

namespace fs = std::filesystem;

// Vite names every file under assets/ by its content hash, so a name never changes meaning.
constexpr const char* kImmutable = "public, max-age=31536000, immutable";
// index.html names the current hashes: always revalidate it.
constexpr const char* kRevalidate = "no-cache";

bool hasIndex(const fs::path& dir) {
    std::error_code ec;
    return fs::is_regular_file(dir / "index.html", ec);
}

bool startsWith(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

bool isApiPath(std::string_view path) {
    for (std::string_view p : {"/api", "/webhooks", "/health", "/metrics"}) {
        if (path == p || startsWith(path, std::string(p) + "/")) return true;
    }
    return false;
}

Reply notFound() { return Reply::error(404, "not_found", "no such route"); }

}  // namespace

std::optional<fs::path> locateDashboard(const DashboardOptions& options, const fs::path& executable) {
    if (!options.dir.empty()) {
        if (hasIndex(options.dir)) return options.dir;
        return std::nullopt;  // a configured directory is the only one considered: no surprises
    }
    auto exeDir = executable.parent_path();
    std::vector<fs::path> candidates{exeDir / ".." / "share" / "rivetr" / "dashboard", exeDir / "dashboard"};
#ifdef RIVETR_SOURCE_DIR
    candidates.push_back(fs::path(RIVETR_SOURCE_DIR) / "frontend" / "dist");
#endif
    for (const auto& c : candidates) {
        if (hasIndex(c)) return fs::weakly_canonical(c);
    }
    return std::nullopt;
}

bool safeFileName(std::string_view name) {
    if (name.empty() || name.size() > 255 || name.front() == '.') return false;
    for (char c : name) {
        bool ok = std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_';
        if (!ok) return false;
    }
    return name.find("..") == std::string_view::npos;
}

std::string contentTypeFor(const fs::path& path) {
    static const std::map<std::string, std::string> types{
        {".html", "text/html; charset=utf-8"},  {".js", "text/javascript; charset=utf-8"},
        {".mjs", "text/javascript; charset=utf-8"}, {".css", "text/css; charset=utf-8"},
        {".json", "application/json"},          {".map", "application/json"},
        {".svg", "image/svg+xml"},              {".png", "image/png"},
        {".ico", "image/x-icon"},               {".webp", "image/webp"},
        {".woff2", "font/woff2"},               {".woff", "font/woff"},
        {".txt", "text/plain; charset=utf-8"},  {".webmanifest", "application/manifest+json"},
    };
    auto it = types.find(path.extension().string());
    return it == types.end() ? "application/octet-stream" : it->second;
}

DashboardAssets::DashboardAssets(std::optional<fs::path> dir) : dir_(std::move(dir)) {}

Reply DashboardAssets::file(const fs::path& path, std::string cacheControl) const {
    std::error_code ec;
    // Canonical paths stop a symlink inside the build from reaching outside it.
    auto real = fs::canonical(path, ec);
    auto root = fs::canonical(*dir_, ec);
    if (ec || !fs::is_regular_file(real, ec) || !startsWith(real.string(), root.string() + "/")) return notFound();
    auto body = readWholeFile(real);
    if (!body) return notFound();
    Reply r{200, std::move(*body), contentTypeFor(real)};
    r.cacheControl = std::move(cacheControl);
    return r;
}

Reply DashboardAssets::notBuilt() const {
    Reply r{200,
            "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Rivetr</title></head><body>"
            "<h1>Rivetr is running</h1><p>The dashboard was not built, so there is nothing to show here. "
            "The API works: try <a href=\"/health\">/health</a>.</p>"
            "<p>To build it: <code>cd frontend &amp;&amp; npm install &amp;&amp; npm run build</code>, then restart "
            "<code>rivetr serve</code>. Rivetr looks for the build in <code>server.dashboard_dir</code>, "
            "<code>&lt;binary dir&gt;/../share/rivetr/dashboard</code>, <code>&lt;binary dir&gt;/dashboard</code> "
            "and the source tree's <code>frontend/dist</code>.</p></body></html>",
            "text/html; charset=utf-8"};
    r.cacheControl = kRevalidate;
    return r;
}

Reply DashboardAssets::index() const {
    if (!dir_) return notBuilt();
    return file(*dir_ / "index.html", kRevalidate);
}

Reply DashboardAssets::asset(std::string_view name) const {
    if (!dir_ || !safeFileName(name)) return notFound();
    return file(*dir_ / "assets" / std::string(name), kImmutable);
}

Reply DashboardAssets::fallback(std::string_view method, std::string_view path, std::string_view accept) const {
    if (method != "GET" || isApiPath(path)) return notFound();
    auto name = path.substr(1);
    if (dir_ && safeFileName(name) && name != "index.html") {
        std::error_code ec;
        if (fs::is_regular_file(*dir_ / std::string(name), ec)) return file(*dir_ / std::string(name), kRevalidate);
    }
    if (accept.find("text/html") == std::string_view::npos) return notFound();
    return index();
}

std::shared_ptr<const DashboardAssets> openDashboard(const DashboardOptions& options) {
    std::error_code ec;
    auto exe = fs::read_symlink("/proc/self/exe", ec);
    auto dir = locateDashboard(options, ec ? fs::path() : exe);
    if (dir) {
        log::info("dashboard.serving", {{"dir", dir->string()}});
    } else {
        log::warn("dashboard.not_built", {{"hint", "cd frontend && npm install && npm run build"},
                                          {"configured_dir", options.dir.string()}});
    }
    return std::make_shared<DashboardAssets>(std::move(dir));
}

std::vector<Route> dashboardRoutes(std::shared_ptr<const DashboardAssets> assets) {
    return {
        // Not API operations: the dashboard's files are left out of the OpenAPI document (empty RouteDoc).
        {Method::Get, "/", std::nullopt, {},
         [assets](const Pistache::Rest::Request&, RequestContext&) { return assets->index(); }},
        {Method::Get, "/assets/*", std::nullopt, {},
         [assets](const Pistache::Rest::Request& req, RequestContext&) {
             return assets->asset(req.splatAt(0).as<std::string>());
         }},
    };
}

Route dashboardFallbackRoute(std::shared_ptr<const DashboardAssets> assets) {
    return {Method::Get, "*", std::nullopt, {}, [assets](const Pistache::Rest::Request& req, RequestContext&) {
                auto accept = req.headers().tryGetRaw("Accept");
                return assets->fallback(Pistache::Http::methodString(req.method()), req.resource(),
                                        accept ? accept->value() : std::string());
            }};
}

}  // namespace rivetr::api
