// The browser-side hardening every API answer carries: a Content-Security-Policy (the dashboard's
// own for its pages and assets, deny-all for JSON), no framing, no MIME sniffing.
#include "api/http/security_headers.hpp"

#include "api/http/text_header.hpp"

namespace rivetr::api {
namespace {

inline constexpr char kCsp[] = "Content-Security-Policy";
inline constexpr char kFrameOptions[] = "X-Frame-Options";
inline constexpr char kContentTypeOptions[] = "X-Content-Type-Options";

bool startsWith(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

}  // namespace

void addSecurityHeaders(Pistache::Http::Header::Collection& headers, std::string_view contentType) {
    // Only an HTML document applies a policy, but the dashboard's scripts and styles get the same
    // one, so a file opened on its own is held to the rules of the page that loads it.
    bool page = !startsWith(contentType, "application/json") && !startsWith(contentType, "text/plain");
    headers.add<TextHeader<kCsp>>(std::string(page ? kDashboardCsp : kApiCsp));
    // frame-ancestors 'none' is the modern form; X-Frame-Options covers browsers that predate it.
    headers.add<TextHeader<kFrameOptions>>("DENY");
    headers.add<TextHeader<kContentTypeOptions>>("nosniff");
}

}  // namespace rivetr::api
