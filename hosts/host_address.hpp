// What an admin types for a remote host (its name, tcp host:port, ssh user@host[:port]), checked before anything reaches argv or a URL.
#pragma once

#include <stdexcept>
#include <string>

#include "core/field_error.hpp"

namespace rivetr::hosts {

// A host's input is malformed; `field` names it ("name", "address", …). The API answers 400.
class InvalidHostInput : public FieldError {
public:
    using FieldError::FieldError;
};

struct HostAddress {
    std::string user;  // ssh only
    std::string host;  // a DNS name, an IPv4 address, or an IPv6 address without brackets
    int port = 0;
    // "host:port", "[v6]:port": the authority of a URL or a known_hosts entry.
    std::string authority() const;
};

// 1-63 lower-case letters, digits or '-', not starting or ending with '-'; "local" is the local engine's.
void validateHostName(const std::string& name);
// "host:port" (IPv6 as "[addr]:port"); the port is required: Docker's TLS port is a choice, not a default.
HostAddress parseTcpAddress(const std::string& address);
// "user@host" or "user@host:port" (port 22 by default). User and host can never start with '-',
// so neither can be read by ssh as an option.
HostAddress parseSshAddress(const std::string& address);

}  // namespace rivetr::hosts
