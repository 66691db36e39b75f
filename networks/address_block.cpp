// IP addresses and CIDR blocks as a network's input names them: parsed strictly, compared by prefix, never by text.
#include "networks/address_block.hpp"

#include <arpa/inet.h>

#include <charconv>

namespace rivetr::networks {
namespace {

// The first `bits` bits of a and b are equal.
bool samePrefix(const IpAddress& a, const IpAddress& b, int bits) {
    for (int i = 0; bits > 0; ++i, bits -= 8) {
        int mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
        if ((a.bytes[i] & mask) != (b.bytes[i] & mask)) return false;
    }
    return true;
}

}  // namespace

bool AddressBlock::contains(const IpAddress& a) const { return a.v6 == base.v6 && samePrefix(base, a, prefix); }

bool AddressBlock::contains(const AddressBlock& inner) const {
    return inner.base.v6 == base.v6 && inner.prefix >= prefix && samePrefix(base, inner.base, prefix);
}

std::optional<IpAddress> parseAddress(const std::string& text) {
    IpAddress a;
    if (text.find('.') != std::string::npos && text.find(':') == std::string::npos) {
        if (inet_pton(AF_INET, text.c_str(), a.bytes.data()) == 1) return a;
        return std::nullopt;
    }
    a.v6 = true;
    if (inet_pton(AF_INET6, text.c_str(), a.bytes.data()) == 1) return a;
    return std::nullopt;
}

std::optional<AddressBlock> parseBlock(const std::string& text) {
    auto slash = text.find('/');
    if (slash == std::string::npos) return std::nullopt;
    auto address = parseAddress(text.substr(0, slash));
    if (!address) return std::nullopt;
    const char* first = text.data() + slash + 1;
    const char* last = text.data() + text.size();
    int prefix = -1;
    auto [end, ec] = std::from_chars(first, last, prefix);
    if (ec != std::errc() || end != last || first == last || prefix < 0 || prefix > (address->v6 ? 128 : 32)) return std::nullopt;
    return AddressBlock{*address, prefix};
}

}  // namespace rivetr::networks
