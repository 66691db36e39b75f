// The instance's own secrets: the at-rest encryption key and the admin token, generated once with mode 0600.
#pragma once

#include <filesystem>
#include <string>

#include "core/config.hpp"
#include "core/crypto.hpp"

namespace rivetr {

struct InstanceSecrets {
    crypto::Key256 encryptionKey{};
    std::string adminToken;
    bool adminTokenCreated = false;  // true only on the start that generated it
};

// Creates data_dir (0700) when missing. Throws std::runtime_error with a message naming the
// file when a key file is unreadable or corrupt: regenerating would silently orphan every
// encrypted secret, so it never does.
InstanceSecrets loadOrCreateSecrets(const Config& cfg);

// Writes `content` to `path` with mode 0600 unless it exists; returns false if it existed.
// Atomic: a crash never leaves a half-written key behind.
bool writeSecretFileOnce(const std::filesystem::path& path, const std::string& content);

std::string generateToken(std::string_view prefix);

}  // namespace rivetr
