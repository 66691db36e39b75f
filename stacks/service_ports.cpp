// Compose port strings are the most varied syntax in real files; this is their one reader.
#include "stacks/service_ports.hpp"

#include <algorithm>
#include <charconv>

namespace rivetr::stacks {
namespace {

using containers::PortSpec;

struct PortRange {
    int first = 0, last = 0;
    int size() const { return last - first + 1; }
};

std::optional<int> portNumber(std::string_view text) {
    int value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size() || value < 1 || value > 65535) return std::nullopt;
    return value;
}

std::optional<PortRange> portRange(std::string_view text) {
    auto dash = text.find('-');
    auto first = portNumber(text.substr(0, dash));
    auto last = dash == std::string_view::npos ? first : portNumber(text.substr(dash + 1));
    if (!first || !last || *last < *first) return std::nullopt;
    return PortRange{*first, *last};
}

// "[::1]:8080:80" and "127.0.0.1:8080:80": the address, then the rest.
std::pair<std::string, std::string_view> splitHostIp(std::string_view spec) {
    if (!spec.empty() && spec.front() == '[') {
        auto close = spec.find(']');
        if (close != std::string_view::npos && close + 1 < spec.size() && spec[close + 1] == ':')
            return {std::string(spec.substr(1, close - 1)), spec.substr(close + 2)};
    }
    auto colons = std::count(spec.begin(), spec.end(), ':');
    if (colons < 2) return {"", spec};
    auto first = spec.find(':');
    return {std::string(spec.substr(0, first)), spec.substr(first + 1)};
}

// Pairs a host range with a container range of the same size ("" host: the engine picks).
std::optional<std::vector<PortSpec>> expand(const std::string& hostIp, std::string_view host, std::string_view container,
                                            const std::string& protocol, std::string& error) {
    auto target = portRange(container);
    if (!target) {
        error = "container port \"" + std::string(container) + "\" is not a port or a range 1-65535";
        return std::nullopt;
    }
    std::optional<PortRange> published;
    if (!host.empty() && !(published = portRange(host))) {
        error = "published port \"" + std::string(host) + "\" is not a port or a range 1-65535";
        return std::nullopt;
    }
    if (published && published->size() != target->size()) {
        error = "the published range and the container range differ in size";
        return std::nullopt;
    }
    std::vector<PortSpec> out;
    for (int i = 0; i < target->size(); ++i)
        out.push_back({target->first + i, published ? published->first + i : 0, hostIp, protocol});
    return out;
}

std::optional<std::vector<PortSpec>> shortForm(const std::string& text, std::string& error) {
    std::string_view spec = text;
    std::string protocol = "tcp";
    if (auto slash = spec.rfind('/'); slash != std::string_view::npos) {
        protocol = std::string(spec.substr(slash + 1));
        spec = spec.substr(0, slash);
    }
    if (protocol != "tcp" && protocol != "udp" && protocol != "sctp") {
        error = "protocol \"" + protocol + "\" is not tcp, udp or sctp";
        return std::nullopt;
    }
    auto [hostIp, rest] = splitHostIp(spec);
    auto colon = rest.rfind(':');
    if (colon == std::string_view::npos) return expand(hostIp, "", rest, protocol, error);
    return expand(hostIp, rest.substr(0, colon), rest.substr(colon + 1), protocol, error);
}

std::optional<std::vector<PortSpec>> longForm(const YamlNode& node, const YamlAt& at) {
    std::string target, published, hostIp, protocol = "tcp";
    for (const YamlEntry& e : node.entries) {
        if (e.key.rfind("x-", 0) == 0) continue;  // extensions are allowed in a port, as everywhere
        auto value = readString(e.value, at.child(e.key));
        if (!value) return std::nullopt;
        if (e.key == "target") target = *value;
        else if (e.key == "published") published = *value;
        else if (e.key == "host_ip") hostIp = *value;
        else if (e.key == "protocol") protocol = *value;
        else if (e.key != "mode" && e.key != "name" && e.key != "app_protocol") {
            at.issues.add(e.keyLine, at.key + "." + e.key, "unknown key \"" + e.key + "\" in a port");
            return std::nullopt;
        }
    }
    std::string error;
    auto out = expand(hostIp, published, target, protocol, error);
    if (!out) at.fail(node, target.empty() ? "a port needs `target`" : error);
    return out;
}

}  // namespace

std::optional<std::vector<containers::PortSpec>> readPorts(const YamlNode& node, const YamlAt& at) {
    if (!node.isSequence()) {
        at.fail(node, "expected a list of ports");
        return std::nullopt;
    }
    std::vector<PortSpec> out;
    for (std::size_t i = 0; i < node.items.size(); ++i) {
        const YamlNode& item = node.items[i];
        std::optional<std::vector<PortSpec>> ports;
        std::string error;
        if (item.isMapping()) {
            ports = longForm(item, at.item(i));
        } else if (auto text = readString(item, at.item(i))) {
            ports = shortForm(*text, error);
            if (!ports) at.item(i).fail(item, error);
        }
        if (!ports) return std::nullopt;
        out.insert(out.end(), ports->begin(), ports->end());
    }
    return out;
}

}  // namespace rivetr::stacks
