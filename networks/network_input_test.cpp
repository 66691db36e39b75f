// The rules a network's input passes before any engine call: each bad field named, roles for macvlan and options.
#include <gtest/gtest.h>

#include "containers/container_error.hpp"
#include "networks/network_input.hpp"

namespace rivetr::networks {
namespace {

using containers::ContainerError;
using runtime::NetworkSpec;
using store::Role;

// The field a refusal names, or "" when the spec passes; `status` gets the refusal's status.
std::string refusedField(const std::function<void()>& f, int* status = nullptr) {
    try {
        f();
        return "";
    } catch (const ContainerError& e) {
        if (status) *status = e.status();
        return e.field();
    }
}

std::string specField(NetworkSpec s) { return refusedField([&] { checkSpec(s); }); }

TEST(NetworkInput, NamesFollowTheEnginesRule) {
    EXPECT_TRUE(isValidName("my-net_1.a"));
    for (const char* bad : {"", "a", "-net", ".net", "x;touch /tmp/pwn", "net/../x", "net name", "n\xc3\xa9t"})
        EXPECT_FALSE(isValidName(bad)) << bad;
    EXPECT_FALSE(isValidName(std::string(129, 'a')));
    EXPECT_EQ(specField({.name = "x;touch /tmp/pwn"}), "name");
    EXPECT_EQ(specField({.name = "bridge"}), "name") << "the engine's own names";
    EXPECT_EQ(specField({.name = "net1"}), "");
}

TEST(NetworkInput, AddressingIsCheckedFieldByField) {
    EXPECT_EQ(specField({.name = "n1", .subnet = "10.30.0.0/24", .gateway = "10.30.0.1", .ipRange = "10.30.0.128/25"}), "");
    EXPECT_EQ(specField({.name = "n1", .subnet = "10.30.0.0/33"}), "subnet");
    EXPECT_EQ(specField({.name = "n1", .subnet = "nonsense"}), "subnet");
    EXPECT_EQ(specField({.name = "n1", .subnet = "10.30.0.0/24", .gateway = "10.30.1.1"}), "gateway") << "outside the subnet";
    EXPECT_EQ(specField({.name = "n1", .subnet = "10.30.0.0/24", .gateway = "10.30.0.1/24"}), "gateway");
    EXPECT_EQ(specField({.name = "n1", .subnet = "10.30.0.0/24", .gateway = "fd00::1"}), "gateway") << "another family";
    EXPECT_EQ(specField({.name = "n1", .subnet = "10.30.0.0/24", .ipRange = "10.30.0.0/23"}), "ip_range") << "wider than the subnet";
    EXPECT_EQ(specField({.name = "n1", .subnet = "10.30.0.0/24", .ipRange = "10.31.0.0/25"}), "ip_range");
    EXPECT_EQ(specField({.name = "n1", .gateway = "10.30.0.1"}), "gateway") << "no subnet to sit in";
    EXPECT_EQ(specField({.name = "n1", .ipRange = "10.30.0.0/25"}), "ip_range");
    EXPECT_EQ(specField({.name = "n1", .subnet = "fd00:30::/64", .gateway = "fd00:30::1"}), "");
}

TEST(NetworkInput, DriversLabelsAndMacvlanParent) {
    EXPECT_EQ(specField({.name = "n1", .driver = "overlay"}), "driver");
    EXPECT_EQ(specField({.name = "n1", .driver = "macvlan"}), "options.parent");
    EXPECT_EQ(specField({.name = "n1", .driver = "macvlan", .options = {{"parent", "eth0;reboot"}}}), "options.parent");
    EXPECT_EQ(specField({.name = "n1", .driver = "macvlan", .options = {{"parent", "eth0.10"}}}), "");
    EXPECT_EQ(specField({.name = "n1", .labels = {{"rivetr.app", "app_x"}}}), "labels.rivetr.app") << "ownership cannot be forged";
    EXPECT_EQ(specField({.name = "n1", .labels = {{"bad key", "v"}}}), "labels");
    EXPECT_EQ(specField({.name = "n1", .labels = {{"team", "web"}}}), "");
}

TEST(NetworkInput, MacvlanAndHostLevelOptionsAreForAdminsOnly) {
    NetworkSpec macvlan{.name = "lan", .driver = "macvlan", .options = {{"parent", "eth0"}}};
    int status = 0;
    EXPECT_EQ(refusedField([&] { checkRole(macvlan, Role::developer); }, &status), "driver");
    EXPECT_EQ(status, 403);
    EXPECT_EQ(refusedField([&] { checkRole(macvlan, Role::admin); }), "");
    NetworkSpec hostBridge{.name = "b", .options = {{"com.docker.network.bridge.name", "docker0"}}};
    EXPECT_EQ(refusedField([&] { checkRole(hostBridge, Role::developer); }), "options.com.docker.network.bridge.name");
    NetworkSpec mtu{.name = "b", .options = {{"com.docker.network.driver.mtu", "1400"}}};
    EXPECT_EQ(refusedField([&] { checkRole(mtu, Role::developer); }), "");
}

TEST(NetworkInput, EndpointsNameTheirContainerAliasesAndAddress) {
    auto endpointField = [](const std::string& c, runtime::EndpointSettings e) { return refusedField([&] { checkEndpoint(c, e); }); };
    EXPECT_EQ(endpointField("web-1", {.aliases = {"db", "w"}, .ipv4Address = "10.30.0.9"}), "");
    EXPECT_EQ(endpointField("$(reboot)", {}), "container");
    EXPECT_EQ(endpointField("web-1", {.aliases = {"a b"}}), "aliases");
    EXPECT_EQ(endpointField("web-1", {.ipv4Address = "10.30.0.999"}), "ipv4_address");
    EXPECT_EQ(endpointField("web-1", {.ipv4Address = "fd00::9"}), "ipv4_address");
}

}  // namespace
}  // namespace rivetr::networks
