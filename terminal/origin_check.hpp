// A terminal's WebSocket must come from the dashboard's own page: its Origin is the origin the request arrived on.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace rivetr::terminal {

// Why: a browser sends the user's session cookie with a WebSocket opened by ANY page (WebSockets are not
// bound by CORS), so without this check a page on another site could open a shell as the user
// (cross-site WebSocket hijacking). True when `origin` is exactly `scheme://host` of the request (Host as
// received, port included, case-insensitive), or one of `alsoAllowed` (e.g. the configured public URL's
// origin). A missing or "null" Origin is refused: every browser sends one on a WebSocket handshake.
bool originAllowed(std::string_view origin, std::string_view scheme, std::string_view host,
                   const std::vector<std::string>& alsoAllowed = {});

// "https://dash.example.com/some/path" → "https://dash.example.com" (the origin of a configured URL); "" when
// it is not an http(s) URL.
std::string originOf(std::string_view url);

}  // namespace rivetr::terminal
