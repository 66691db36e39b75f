// An SSH server's public host key as Rivetr pins it: fetched on first use, shown by its SHA256 fingerprint, written as the only known_hosts entry.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "hosts/host_address.hpp"

namespace rivetr::hosts {

struct SshHostKey {
    std::string type;         // "ssh-ed25519", "ecdsa-sha2-nistp256", "ssh-rsa"
    std::string base64;       // the key blob as ssh prints it
    std::string fingerprint;  // "SHA256:…", as `ssh-keygen -l` prints it
    std::string publicKey() const { return type + " " + base64; }
};

// "type base64" (a stored pin, a .pub file's first two fields); nullopt when malformed.
std::optional<SshHostKey> parseHostKey(const std::string& publicKey);

// The strongest key in ssh-keyscan's output (ed25519, then ecdsa, then rsa); nullopt when none.
std::optional<SshHostKey> chooseScannedKey(const std::string& keyscanOutput);

// Asks the server at `address` for its host key (ssh-keyscan, from argv). Throws std::runtime_error
// saying why when it does not answer within `timeout`.
SshHostKey scanHostKey(const HostAddress& address, std::chrono::milliseconds timeout);

// The known_hosts line that pins `key` for `address` ("[host]:port" unless the port is 22).
std::string knownHostsLine(const HostAddress& address, const SshHostKey& key);

}  // namespace rivetr::hosts
