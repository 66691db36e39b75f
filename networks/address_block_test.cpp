// Addresses and CIDR blocks: what parses, what is refused, and containment by prefix.
#include <gtest/gtest.h>

#include "networks/address_block.hpp"

namespace rivetr::networks {
namespace {

TEST(AddressBlock, ParsesOnlyWellFormedAddressesAndBlocks) {
    EXPECT_TRUE(parseAddress("10.0.0.1"));
    EXPECT_TRUE(parseAddress("fd00::1")->v6);
    for (const char* bad : {"", "10.0.0", "10.0.0.256", "10.0.0.1/24", " 10.0.0.1", "10.0.0.1;rm", "fd00::1%eth0", "host"})
        EXPECT_FALSE(parseAddress(bad)) << bad;
    EXPECT_EQ(parseBlock("10.20.0.0/16")->prefix, 16);
    EXPECT_EQ(parseBlock("fd00:1::/64")->prefix, 64);
    for (const char* bad : {"10.20.0.0", "10.20.0.0/", "10.20.0.0/33", "10.20.0.0/-1", "10.20.0.0/16x", "fd00::/129", "/24", "x/24"})
        EXPECT_FALSE(parseBlock(bad)) << bad;
}

TEST(AddressBlock, ContainsAddressesAndBlocksByPrefix) {
    auto subnet = *parseBlock("10.20.0.0/16");
    EXPECT_TRUE(subnet.contains(*parseAddress("10.20.255.1")));
    EXPECT_FALSE(subnet.contains(*parseAddress("10.21.0.1")));
    EXPECT_FALSE(subnet.contains(*parseAddress("::ffff:10.20.0.1"))) << "another family";
    EXPECT_TRUE(subnet.contains(*parseBlock("10.20.128.0/17")));
    EXPECT_FALSE(subnet.contains(*parseBlock("10.0.0.0/8"))) << "wider than the subnet";
    EXPECT_FALSE(subnet.contains(*parseBlock("10.21.0.0/24")));
    EXPECT_TRUE(parseBlock("10.20.3.0/23")->contains(*parseAddress("10.20.2.9"))) << "a prefix that is not a byte boundary";
    EXPECT_FALSE(parseBlock("10.20.3.0/23")->contains(*parseAddress("10.20.4.1")));
    EXPECT_TRUE(parseBlock("0.0.0.0/0")->contains(*parseAddress("192.168.1.1")));
}

}  // namespace
}  // namespace rivetr::networks
