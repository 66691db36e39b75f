// IP addresses and CIDR blocks as a network's input names them: parsed strictly, compared by prefix, never by text.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>

namespace rivetr::networks {

struct IpAddress {
    bool v6 = false;
    std::array<std::uint8_t, 16> bytes{};  // IPv4 uses the first 4
};

// "10.0.0.0/24" or "fd00::/64": an address and how many leading bits name the block.
struct AddressBlock {
    IpAddress base;
    int prefix = 0;
    // Same family and the first `prefix` bits equal.
    bool contains(const IpAddress& a) const;
    // Every address of `inner` is in this block.
    bool contains(const AddressBlock& inner) const;
};

// inet_pton's dotted quad or IPv6 text; nullopt for anything else (no prefix, no zone, no spaces).
std::optional<IpAddress> parseAddress(const std::string& text);
// "<address>/<prefix>" with a prefix of 0-32 (IPv4) or 0-128 (IPv6); nullopt otherwise.
std::optional<AddressBlock> parseBlock(const std::string& text);

}  // namespace rivetr::networks
