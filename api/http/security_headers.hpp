// The browser-side hardening every API answer carries: a Content-Security-Policy (the dashboard's
// own for its pages and assets, deny-all for JSON), no framing, no MIME sniffing.
#pragma once

#include <pistache/http_headers.h>

#include <string_view>

namespace rivetr::api {

// The dashboard's policy: scripts, styles and connections only from its own origin (the Vite build
// has no inline script or style), images also as data: URLs, nothing may frame it.
inline constexpr std::string_view kDashboardCsp =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
// Everything else (JSON, text): nothing in it may load or run anything, nor be framed.
inline constexpr std::string_view kApiCsp = "default-src 'none'; frame-ancestors 'none'";

// Adds Content-Security-Policy (by `contentType`: HTML pages and the assets they load get the
// dashboard's), X-Frame-Options: DENY and X-Content-Type-Options: nosniff.
void addSecurityHeaders(Pistache::Http::Header::Collection& headers, std::string_view contentType);

}  // namespace rivetr::api
