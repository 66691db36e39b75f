// Which credentials a remote gets: HTTPS tokens per provider, SSH deploy keys (ed25519/ECDSA only).
#include "core/git/credentials.hpp"

#include <algorithm>
#include <cstdint>

#include "core/crypto.hpp"

namespace rivetr::git {
namespace {

std::optional<std::string> base64Decode(std::string_view text) {
    std::string s;
    for (char c : text) {
        if (c == '+') s += '-';
        else if (c == '/') s += '_';
        else if (c == '=' || c == '\n' || c == '\r' || c == ' ') continue;
        else s += c;
    }
    return crypto::base64UrlDecode(s);
}

std::string pemBody(const std::string& key, const std::string& label) {
    auto begin = key.find("-----BEGIN " + label + "-----");
    auto end = key.find("-----END " + label + "-----");
    if (begin == std::string::npos || end == std::string::npos) return {};
    begin = key.find('\n', begin);
    return begin == std::string::npos || begin > end ? std::string{} : key.substr(begin, end - begin);
}

// Reads an SSH wire "string" (uint32 big-endian length + bytes) at `pos`.
std::optional<std::string> sshString(const std::string& buf, std::size_t& pos) {
    if (pos + 4 > buf.size()) return std::nullopt;
    std::uint32_t n = 0;
    for (int i = 0; i < 4; ++i) n = (n << 8) | static_cast<unsigned char>(buf[pos + static_cast<std::size_t>(i)]);
    pos += 4;
    if (n > buf.size() - pos) return std::nullopt;
    auto out = buf.substr(pos, n);
    pos += n;
    return out;
}

SshKeyType typeFromName(const std::string& name) {
    if (name == "ssh-ed25519") return SshKeyType::Ed25519;
    if (name.rfind("ecdsa-sha2-", 0) == 0) return SshKeyType::Ecdsa;
    if (name == "ssh-rsa") return SshKeyType::Rsa;
    if (name == "ssh-dss") return SshKeyType::Dsa;
    return SshKeyType::Unknown;
}

SshKeyType openSshKeyType(const std::string& body) {
    auto raw = base64Decode(body);
    static const std::string magic("openssh-key-v1\0", 15);
    if (!raw || raw->compare(0, magic.size(), magic) != 0) return SshKeyType::Unknown;
    std::size_t pos = magic.size();
    for (int i = 0; i < 3; ++i) {  // cipher, kdf name, kdf options
        if (!sshString(*raw, pos)) return SshKeyType::Unknown;
    }
    pos += 4;  // number of keys
    auto pub = sshString(*raw, pos);
    if (!pub) return SshKeyType::Unknown;
    std::size_t p = 0;
    auto name = sshString(*pub, p);
    return name ? typeFromName(*name) : SshKeyType::Unknown;
}

}  // namespace

GitAuth tokenAuth(GitProvider provider, std::string token, std::string user) {
    GitAuth a;
    a.kind = GitAuth::Kind::Token;
    a.token = std::move(token);
    switch (provider) {
        case GitProvider::GitHub: a.username = "x-access-token"; break;
        case GitProvider::GitLab: a.username = "oauth2"; break;
        case GitProvider::Gitea:
        case GitProvider::Bitbucket: a.username = std::move(user); break;
    }
    return a;
}

GitAuth passwordAuth(const UrlCredential& credential) {
    GitAuth a;
    a.kind = GitAuth::Kind::Token;
    a.username = credential.username;
    a.token = credential.password;
    return a;
}

SshKeyType sshKeyType(const std::string& key) {
    if (auto body = pemBody(key, "OPENSSH PRIVATE KEY"); !body.empty()) return openSshKeyType(body);
    if (!pemBody(key, "RSA PRIVATE KEY").empty()) return SshKeyType::Rsa;
    if (!pemBody(key, "EC PRIVATE KEY").empty()) return SshKeyType::Ecdsa;
    if (!pemBody(key, "DSA PRIVATE KEY").empty()) return SshKeyType::Dsa;
    return SshKeyType::Unknown;
}

void validateAuth(const GitAuth& auth) {
    switch (auth.kind) {
        case GitAuth::Kind::None: return;
        case GitAuth::Kind::Token:
            // An empty token is allowed: "https://<token>@github.com" sends the token as the user name.
            if (auth.username.empty())
                throw SourceError(SourceErrorKind::InvalidInput, "an HTTPS token needs a user name");
            return;
        case GitAuth::Kind::SshKey: break;
    }
    switch (sshKeyType(auth.privateKey)) {
        case SshKeyType::Ed25519:
        case SshKeyType::Ecdsa: return;
        case SshKeyType::Rsa:
            throw SourceError(SourceErrorKind::UnsupportedKey,
                              "RSA deploy keys cannot work: current OpenSSH servers refuse RSA signatures made "
                              "with SHA-1 (ssh-rsa), and libgit2 1.5 cannot sign with rsa-sha2-256/512. "
                              "Use an ed25519 key (ssh-keygen -t ed25519) or ECDSA");
        case SshKeyType::Dsa:
            throw SourceError(SourceErrorKind::UnsupportedKey,
                              "DSA deploy keys are refused by current OpenSSH; use an ed25519 key");
        case SshKeyType::Unknown: break;
    }
    throw SourceError(SourceErrorKind::InvalidInput,
                      "the SSH deploy key is not an OpenSSH or PEM private key (ed25519 or ECDSA expected)");
}

std::string sshFingerprint(const unsigned char* sha256) {
    auto b64 = crypto::base64UrlEncode(sha256, 32);
    std::replace(b64.begin(), b64.end(), '-', '+');
    std::replace(b64.begin(), b64.end(), '_', '/');
    return "SHA256:" + b64;
}

}  // namespace rivetr::git
