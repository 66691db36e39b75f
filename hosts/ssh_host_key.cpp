// SSH host keys: parsing ssh-keyscan's answer, SHA256 fingerprints in ssh's own format, and the pinned known_hosts line.
#include "hosts/ssh_host_key.hpp"

#include <array>
#include <sstream>
#include <stdexcept>

#include "core/crypto.hpp"
#include "core/subprocess.hpp"

namespace rivetr::hosts {
namespace {

// ssh prints standard base64; core speaks the URL alphabet without padding. The two map 1:1.
std::string toUrlAlphabet(std::string s) {
    for (auto& c : s) c = c == '+' ? '-' : c == '/' ? '_' : c;
    while (!s.empty() && s.back() == '=') s.pop_back();
    return s;
}

std::string fromUrlAlphabet(std::string s) {
    for (auto& c : s) c = c == '-' ? '+' : c == '_' ? '/' : c;
    return s;
}

bool knownType(const std::string& type) {
    return type == "ssh-ed25519" || type == "ssh-rsa" || type.rfind("ecdsa-sha2-nistp", 0) == 0;
}

int preference(const std::string& type) {
    if (type == "ssh-ed25519") return 0;
    if (type.rfind("ecdsa-", 0) == 0) return 1;
    return 2;
}

}  // namespace

std::optional<SshHostKey> parseHostKey(const std::string& publicKey) {
    std::istringstream in(publicKey);
    SshHostKey key;
    if (!(in >> key.type >> key.base64) || !knownType(key.type)) return std::nullopt;
    auto blob = crypto::base64UrlDecode(toUrlAlphabet(key.base64));
    if (!blob || blob->empty()) return std::nullopt;
    auto digest = crypto::fromHex(crypto::sha256Hex(*blob));
    key.fingerprint = "SHA256:" + fromUrlAlphabet(crypto::base64UrlEncode(digest->data(), digest->size()));
    return key;
}

std::optional<SshHostKey> chooseScannedKey(const std::string& keyscanOutput) {
    std::optional<SshHostKey> best;
    std::istringstream lines(keyscanOutput);
    std::string line;
    while (std::getline(lines, line)) {
        if (line.empty() || line[0] == '#') continue;
        auto space = line.find(' ');  // "host type base64": drop the host
        if (space == std::string::npos) continue;
        auto key = parseHostKey(line.substr(space + 1));
        if (key && (!best || preference(key->type) < preference(best->type))) best = key;
    }
    return best;
}

SshHostKey scanHostKey(const HostAddress& address, std::chrono::milliseconds timeout) {
    const auto seconds = std::max<long long>(1, (timeout.count() + 999) / 1000);
    SpawnOptions opts;
    opts.clearEnv = true;
    opts.env = {{"PATH", "/usr/bin:/bin"}};
    opts.mergeStderr = false;  // its "# host SSH-2.0-…" comments and errors are not keys
    opts.stderrFile = "/dev/null";
    auto result = run({"ssh-keyscan", "-T", std::to_string(seconds), "-p", std::to_string(address.port), "-t",
                       "ed25519,ecdsa,rsa", "--", address.host},
                      opts);
    auto key = chooseScannedKey(result.output);
    if (!key)
        throw std::runtime_error("no SSH host key from " + address.authority() + " within " + std::to_string(seconds) +
                                 " s (is sshd listening there?)");
    return *key;
}

std::string knownHostsLine(const HostAddress& address, const SshHostKey& key) {
    const std::string name = address.port == 22 ? address.host : "[" + address.host + "]:" + std::to_string(address.port);
    return name + " " + key.publicKey() + "\n";
}

}  // namespace rivetr::hosts
