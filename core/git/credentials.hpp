// Which credentials a remote gets: HTTPS tokens per provider, SSH deploy keys (ed25519/ECDSA only).
#pragma once

#include <string>

#include "core/git/source.hpp"

namespace rivetr::git {

enum class SshKeyType { Ed25519, Ecdsa, Rsa, Dsa, Unknown };

// Reads the key type from an OpenSSH ("BEGIN OPENSSH PRIVATE KEY") or PEM private key; the type
// is stored unencrypted, so this works for passphrase-protected keys too.
SshKeyType sshKeyType(const std::string& privateKey);

// Throws SourceError (UnsupportedKey / InvalidInput) for credentials that cannot work; called
// when an app is created and again before every fetch.
void validateAuth(const GitAuth& auth);

// "SHA256:<base64 without padding>", the form `ssh-keygen -lf` prints.
std::string sshFingerprint(const unsigned char* sha256);

}  // namespace rivetr::git
