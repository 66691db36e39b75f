// The browser-side hardening every API answer carries: a Content-Security-Policy (the dashboard's
// own for its pages and assets, deny-all for JSON), no framing, no MIME sniffing.
#pragma once

#include <pistache/http_headers.h>

#include <string_view>

namespace rivetr::api {

// The dashboard's policy: scripts, styles and connections only from its own origin (the Vite build
// has no inline script or style), images also as data: URLs, nothing may frame it. One exception:
// <style> elements a script adds (style-src-elem), because the terminal's xterm.js writes its
// theme and cell metrics into <style> elements at run time and offers no nonce. What that allows is
// small: scripts stay 'self' only, inline style attributes stay blocked (style-src-attr falls back
// to style-src), and CSS cannot send anything away (img-src, font-src and connect-src are 'self').
inline constexpr std::string_view kDashboardCsp =
    "default-src 'self'; script-src 'self'; style-src 'self'; style-src-elem 'self' 'unsafe-inline'; "
    "img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'";
// Everything else (JSON, text): nothing in it may load or run anything, nor be framed.
inline constexpr std::string_view kApiCsp = "default-src 'none'; frame-ancestors 'none'";

// Adds Content-Security-Policy (by `contentType`: HTML pages and the assets they load get the
// dashboard's), X-Frame-Options: DENY and X-Content-Type-Options: nosniff.
void addSecurityHeaders(Pistache::Http::Header::Collection& headers, std::string_view contentType);

}  // namespace rivetr::api
