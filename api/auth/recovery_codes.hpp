// Recovery codes for a lost authenticator: how they are made, written and read back. Each is 80
// random bits in 16 Crockford base32 characters ("7kq2-m9xd-4hv0-ptce"), so a stored SHA-256 is
// as safe as an API token's and a typed code survives case, dashes, spaces and 0/O, 1/I/L mix-ups.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rivetr::api::recovery {

constexpr int kCodesPerUser = 10;

// `count` fresh codes in their display form (four groups of four, dash-separated).
std::vector<std::string> newCodes(int count = kCodesPerUser);
// The canonical form a code is hashed in (16 lower-case characters), or nullopt when `typed`
// cannot be a recovery code at all.
std::optional<std::string> normalize(std::string_view typed);

}  // namespace rivetr::api::recovery
