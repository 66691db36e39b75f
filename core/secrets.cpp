// The instance's own secrets: the at-rest encryption key and the admin token, generated once with mode 0600.
#include "core/secrets.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "core/file_write.hpp"
#include "core/log.hpp"

namespace rivetr {
namespace fs = std::filesystem;
namespace {

std::string readTrimmed(const fs::path& path) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot read " + path.string() + ": " + std::strerror(errno));
    std::ostringstream s;
    s << in.rdbuf();
    auto text = s.str();
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ')) text.pop_back();
    return text;
}

// A key file readable by others is a leak waiting to happen: tighten it rather than refuse.
void tightenMode(const fs::path& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) == 0 && (st.st_mode & 077) != 0) {
        ::chmod(path.c_str(), 0600);
        log::warn("secret_file_mode_tightened", {{"path", path.string()}});
    }
}

std::string loadOrCreate(const fs::path& path, const std::string& fresh, bool& created) {
    created = writeSecretFileOnce(path, fresh + "\n");
    if (created) return fresh;
    tightenMode(path);
    return readTrimmed(path);
}

void ensureDataDir(const fs::path& dir) {
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) throw std::runtime_error("cannot create data_dir " + dir.string() + ": " + ec.message());
    ::chmod(dir.c_str(), 0700);
}

}  // namespace

std::string generateToken(std::string_view prefix) {
    auto bytes = crypto::randomBytes(32);
    return std::string(prefix) + crypto::base64UrlEncode(bytes.data(), bytes.size());
}

bool writeSecretFileOnce(const fs::path& path, const std::string& content) {
    auto tmp = path;
    tmp += ".tmp." + std::to_string(::getpid());
    writeFileChecked(tmp, content, {.mode = 0600, .durable = true});  // a key that is not on disk would be lost at the next start
    // link() fails with EEXIST when another start won the race: theirs is kept, ours dropped.
    int rc = ::link(tmp.c_str(), path.c_str());
    int err = errno;
    ::unlink(tmp.c_str());
    if (rc == 0) return true;
    if (err == EEXIST) return false;
    throw std::runtime_error("cannot create " + path.string() + ": " + std::strerror(err));
}

InstanceSecrets loadOrCreateSecrets(const Config& cfg) {
    fs::path dir = cfg.server.data_dir;
    ensureDataDir(dir);
    InstanceSecrets out;

    std::string keyHex = cfg.auth.encryption_key;
    if (keyHex.empty()) {
        bool created = false;
        keyHex = loadOrCreate(dir / "secret.key", crypto::toHex(crypto::randomBytes(32)), created);
        if (created) log::info("encryption_key_generated", {{"path", (dir / "secret.key").string()}});
    }
    auto key = crypto::keyFromHex(keyHex);
    if (!key) {
        throw std::runtime_error((dir / "secret.key").string() +
                                 " is corrupt: expected 64 hexadecimal characters. Restore it from a backup; "
                                 "a new key would make every stored secret unreadable.");
    }
    out.encryptionKey = *key;

    out.adminToken = cfg.auth.admin_token;
    if (out.adminToken.empty()) {
        out.adminToken = loadOrCreate(dir / "admin_token", generateToken("rvt_"), out.adminTokenCreated);
        if (out.adminToken.size() < 24) {
            throw std::runtime_error((dir / "admin_token").string() + " is corrupt: the token is too short");
        }
    }
    return out;
}

}  // namespace rivetr
