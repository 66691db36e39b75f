// RFC 3986 percent-encoding, once for every URL the program builds (Engine API queries, API paths, otpauth URIs, git userinfo).
#pragma once

#include <string>
#include <string_view>

namespace rivetr {

// Everything but the "unreserved" characters (ALPHA DIGIT - . _ ~) is encoded, so a value can
// never end a path segment, start a query or split userinfo.
std::string percentEncode(std::string_view s);

// The inverse; a '%' not followed by two hex digits stays as it is.
std::string percentDecode(std::string_view s);

}  // namespace rivetr
