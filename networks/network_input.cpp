// The rules a network's create, connect and disconnect input must pass before any engine is asked.
#include "networks/network_input.hpp"

#include <regex>
#include <set>

#include "containers/container_error.hpp"
#include "networks/address_block.hpp"
#include "runtime/naming.hpp"

namespace rivetr::networks {
namespace {

using containers::ContainerError;

[[noreturn]] void invalid(const std::string& field, const std::string& message) {
    throw ContainerError(400, "invalid_network", message, field);
}

const std::regex kName("[a-zA-Z0-9][a-zA-Z0-9_.-]{1,127}");
const std::regex kAlias("[a-zA-Z0-9][a-zA-Z0-9_.-]{0,127}");  // a DNS name in the network: one letter will do
// A Linux interface name (IFNAMSIZ 16 with its NUL), dots allowed for VLAN sub-interfaces (eth0.10).
const std::regex kInterface("[a-zA-Z0-9][a-zA-Z0-9_.-]{0,14}");
const std::regex kLabelKey("[a-zA-Z0-9][a-zA-Z0-9_./-]{0,254}");

AddressBlock block(const std::string& text, const std::string& field) {
    auto b = parseBlock(text);
    if (!b) invalid(field, field + " must be a CIDR block such as 10.20.0.0/24 (got \"" + text + "\")");
    return *b;
}

void checkAddressing(const runtime::NetworkSpec& s) {
    if (s.subnet.empty()) {
        if (!s.gateway.empty()) invalid("gateway", "a gateway needs a subnet to sit in");
        if (!s.ipRange.empty()) invalid("ip_range", "an ip_range needs a subnet to sit in");
        return;
    }
    auto subnet = block(s.subnet, "subnet");
    if (!s.gateway.empty()) {
        auto gw = parseAddress(s.gateway);
        if (!gw) invalid("gateway", "gateway must be an IP address such as 10.20.0.1 (got \"" + s.gateway + "\")");
        if (!subnet.contains(*gw)) invalid("gateway", "gateway " + s.gateway + " is outside the subnet " + s.subnet);
    }
    if (!s.ipRange.empty() && !subnet.contains(block(s.ipRange, "ip_range")))
        invalid("ip_range", "ip_range " + s.ipRange + " is not inside the subnet " + s.subnet);
}

void checkLabels(const runtime::Labels& labels) {
    for (const auto& [key, value] : labels) {
        if (!std::regex_match(key, kLabelKey)) invalid("labels", "a label name must be letters, digits and _ . / - (got \"" + key + "\")");
        // Rivetr reads these to know what belongs to an app; a user setting them would forge that.
        if (key == runtime::kManagedLabel || key == runtime::kAppLabel || key == runtime::kDeploymentLabel)
            invalid("labels." + key, key + " is Rivetr's own label (it marks what belongs to an app)");
        if (value.find('\0') != std::string::npos) invalid("labels." + key, "a label value cannot contain NUL");
    }
}

void checkOptions(const runtime::NetworkSpec& s) {
    for (const auto& [key, value] : s.options) {
        if (!std::regex_match(key, kLabelKey)) invalid("options", "an option name must be letters, digits and _ . / - (got \"" + key + "\")");
        if (value.find('\0') != std::string::npos) invalid("options." + key, "an option value cannot contain NUL");
    }
    if (s.driver != "macvlan") return;
    auto parent = s.options.find("parent");
    if (parent == s.options.end() || parent->second.empty())
        invalid("options.parent", "a macvlan network needs options.parent: the host interface it sits on (e.g. eth0)");
    if (!std::regex_match(parent->second, kInterface))
        invalid("options.parent", "options.parent must be an interface name such as eth0 or eth0.10 (got \"" + parent->second + "\")");
}

}  // namespace

bool isValidName(const std::string& name) { return std::regex_match(name, kName); }

bool isBuiltinNetwork(const std::string& name) { return name == "bridge" || name == "host" || name == "none"; }

void checkSpec(const runtime::NetworkSpec& s) {
    if (!isValidName(s.name))
        invalid("name", "a network name must match ^[a-zA-Z0-9][a-zA-Z0-9_.-]+$ (at most 128 characters; got \"" + s.name + "\")");
    if (isBuiltinNetwork(s.name)) invalid("name", s.name + " is one of the engine's own networks");
    if (s.driver != "bridge" && s.driver != "macvlan")
        invalid("driver", "driver must be \"bridge\" or \"macvlan\" (got \"" + s.driver + "\")");
    checkAddressing(s);
    checkLabels(s.labels);
    checkOptions(s);
}

void checkRole(const runtime::NetworkSpec& s, store::Role role) {
    if (role == store::Role::admin) return;
    if (s.driver == "macvlan")
        throw ContainerError(403, "admin_only",
                             "a macvlan network puts containers on the host's LAN with addresses of their own, past the "
                             "proxy: only an admin can create one",
                             "driver");
    static const std::set<std::string> harmless{"com.docker.network.driver.mtu", "com.docker.network.bridge.enable_icc",
                                                "com.docker.network.bridge.enable_ip_masquerade"};
    for (const auto& [key, value] : s.options)
        if (!harmless.count(key))
            throw ContainerError(403, "admin_only", "the driver option " + key + " is for admins only", "options." + key);
}

void checkEndpoint(const std::string& container, const runtime::EndpointSettings& e) {
    if (!isValidName(container)) invalid("container", "container must be a container's id or name (got \"" + container + "\")");
    for (const auto& alias : e.aliases)
        if (!std::regex_match(alias, kAlias)) invalid("aliases", "an alias must match ^[a-zA-Z0-9][a-zA-Z0-9_.-]*$ (got \"" + alias + "\")");
    if (e.ipv4Address.empty()) return;
    auto a = parseAddress(e.ipv4Address);
    if (!a || a->v6) invalid("ipv4_address", "ipv4_address must be an IPv4 address such as 10.20.0.5 (got \"" + e.ipv4Address + "\")");
}

}  // namespace rivetr::networks
