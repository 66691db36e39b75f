// What an admin types for a remote host, checked against strict patterns before it reaches ssh's argv or curl's URL.
#include "hosts/host_address.hpp"

#include <regex>

#include "core/parse_int.hpp"

namespace rivetr::hosts {
namespace {

// A DNS name or IPv4 address: letters, digits, '.', '-', starting and ending alphanumeric.
bool isHostName(const std::string& host) {
    static const std::regex re("^[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?$");
    return std::regex_match(host, re);
}

bool isIpv6(const std::string& host) {
    static const std::regex re("^[0-9A-Fa-f:.]{2,45}$");
    return host.find(':') != std::string::npos && std::regex_match(host, re);
}

int parsePort(const std::string& text, const std::string& address) {
    auto port = parseInt(text);
    if (!port || *port < 1 || *port > 65535)
        throw InvalidHostInput("address", "'" + address + "' has no valid port (1-65535)");
    return *port;
}

// "host", "host:port", "[v6]" or "[v6]:port"; `defaultPort` 0 means the port is required.
HostAddress splitHostPort(const std::string& text, const std::string& address, int defaultPort) {
    HostAddress a;
    std::string rest;
    if (!text.empty() && text[0] == '[') {
        auto close = text.find(']');
        if (close == std::string::npos) throw InvalidHostInput("address", "'" + address + "' has an unclosed '['");
        a.host = text.substr(1, close - 1);
        rest = text.substr(close + 1);
        if (!isIpv6(a.host)) throw InvalidHostInput("address", "'" + a.host + "' is not an IPv6 address");
    } else {
        auto colon = text.find(':');
        a.host = text.substr(0, colon);
        rest = colon == std::string::npos ? "" : text.substr(colon);
        if (!isHostName(a.host))
            throw InvalidHostInput("address", "'" + a.host + "' is not a host name or IP address (letters, digits, '.', '-')");
    }
    if (rest.empty()) {
        if (defaultPort == 0) throw InvalidHostInput("address", "'" + address + "' needs a port: host:port");
        a.port = defaultPort;
    } else if (rest[0] == ':') {
        a.port = parsePort(rest.substr(1), address);
    } else {
        throw InvalidHostInput("address", "'" + address + "' is not host:port");
    }
    return a;
}

}  // namespace

std::string HostAddress::authority() const {
    return (host.find(':') != std::string::npos ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

void validateHostName(const std::string& name) {
    static const std::regex re("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$");
    if (!std::regex_match(name, re))
        throw InvalidHostInput("name", "must be 1-63 lower-case letters, digits or '-', not starting or ending with '-'");
    if (name == "local") throw InvalidHostInput("name", "'local' is the local engine's name");
}

HostAddress parseTcpAddress(const std::string& address) {
    if (address.find("://") != std::string::npos)
        throw InvalidHostInput("address", "give host:port without a scheme; tcp hosts always use TLS");
    return splitHostPort(address, address, 0);
}

HostAddress parseSshAddress(const std::string& address) {
    auto at = address.find('@');
    if (at == std::string::npos) throw InvalidHostInput("address", "an ssh address is user@host or user@host:port");
    static const std::regex user("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,31}$");
    auto a = splitHostPort(address.substr(at + 1), address, 22);
    a.user = address.substr(0, at);
    if (!std::regex_match(a.user, user))
        throw InvalidHostInput("address", "'" + a.user + "' is not a user name (letters, digits, '_', '.', '-'; not starting with '-')");
    return a;
}

}  // namespace rivetr::hosts
