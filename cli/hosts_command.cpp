// `rivetr hosts list|show|add|update|remove|test`: the container engines a server manages, the local one and remote ones an admin adds.
#include <iostream>

#include "cli/client_command.hpp"
#include "cli/client_commands.hpp"
#include "cli/command_registry.hpp"
#include "cli/output.hpp"
#include "core/text.hpp"

namespace rivetr::cli {
namespace {

using nlohmann::json;

std::string stateOf(const json& h) {
    if (h.value("ok", false)) return "ok since " + cell(h["since"]);
    return "unreachable since " + cell(h["since"]) + ": " + cell(h["error"]);
}

int list(ClientCall& c) {
    expectAtMost(c.args, 1);
    auto reply = c.api.get("/api/hosts");
    if (c.json) return printJson(reply), 0;
    Table t({"NAME", "ID", "KIND", "ADDRESS", "ENGINE", "STATE"});
    for (const auto& h : reply)
        t.add({cell(h["name"]), cell(h["id"]), cell(h["kind"]), cell(h["address"]), cell(h["engine_version"]), stateOf(h)});
    t.print(std::cout, "no hosts");
    return 0;
}

// The file's text, read here: the server never opens a path a client names.
std::string fileText(const std::string& option, const std::string& path) {
    auto text = readWholeFile(path);
    if (!text) throw OperationFailed("cannot read " + path + " (--" + option + ")");
    return *text;
}

json addBody(const ClientCall& c) {
    const auto& a = c.args;
    json body{{"name", positional(a, 1, "NAME")}};
    auto tcp = a.option("tcp");
    auto ssh = a.option("ssh");
    if (tcp.has_value() == ssh.has_value()) throw UsageError("hosts add needs exactly one of --tcp HOST:PORT or --ssh USER@HOST[:PORT]");
    body["kind"] = tcp ? "tcp" : "ssh";
    body["address"] = tcp ? *tcp : *ssh;
    const std::vector<std::pair<std::string, std::string>> files =
        tcp ? std::vector<std::pair<std::string, std::string>>{{"tls-ca", "tls_ca"}, {"tls-cert", "tls_cert"}, {"tls-key", "tls_key"}}
            : std::vector<std::pair<std::string, std::string>>{{"ssh-key", "ssh_key"}};
    for (const auto& [option, field] : files) {
        auto path = a.option(option);
        if (!path) throw UsageError("a " + body["kind"].get<std::string>() + " host needs --" + option + " FILE");
        body[field] = fileText(option, *path);
    }
    return body;
}

void printFingerprint(const json& h) {
    if (cell(h["kind"]) != "ssh") return;
    if (h["ssh_host_key_fingerprint"].is_string() && !h["ssh_host_key_fingerprint"].get<std::string>().empty())
        std::cout << "host key pinned: " << cell(h["ssh_host_key_fingerprint"])
                  << " (compare with `ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub` on the host)\n";
    else
        std::cout << "host key not pinned yet: the host did not answer; `rivetr hosts test " << cell(h["name"])
                  << "` pins it\n";
}

int add(ClientCall& c) {
    expectAtMost(c.args, 2);
    auto host = c.api.call("POST", "/api/hosts", addBody(c));
    if (c.json) return printJson(host), 0;
    std::cout << "added host " << cell(host["name"]) << " (" << cell(host["id"]) << ")\n";
    printFingerprint(host);
    return 0;
}

// show HOST: one host as `key: value` lines; credentials only as present or not (the server never returns them).
int show(ClientCall& c) {
    expectAtMost(c.args, 2);
    auto h = c.api.get("/api/hosts/" + pathSegment(positional(c.args, 1, "HOST")));
    if (c.json) return printJson(h), 0;
    for (const char* key : {"name", "id", "kind", "address", "engine_version"}) std::cout << key << ": " << cell(h[key]) << "\n";
    std::cout << "state: " << stateOf(h) << "\n";
    for (const char* key : {"has_tls_ca", "has_tls_cert", "has_tls_key", "has_ssh_key"})
        if (h.value(key, false)) std::cout << key << ": yes\n";
    if (cell(h["kind"]) == "ssh") std::cout << "ssh_host_key_fingerprint: " << cell(h["ssh_host_key_fingerprint"]) << "\n";
    return 0;
}

// update HOST: only what is given changes (PUT /api/hosts/:id keeps the rest, credentials included).
int update(ClientCall& c) {
    expectAtMost(c.args, 2);
    const auto& host = positional(c.args, 1, "HOST");
    json body = json::object();
    for (const char* key : {"name", "address"})
        if (auto v = c.args.option(key)) body[key] = *v;
    for (const auto& [option, field] : std::vector<std::pair<std::string, std::string>>{
             {"tls-ca", "tls_ca"}, {"tls-cert", "tls_cert"}, {"tls-key", "tls_key"}, {"ssh-key", "ssh_key"}})
        if (auto path = c.args.option(option)) body[field] = fileText(option, *path);
    if (c.args.has("repin-host-key")) body["repin_host_key"] = true;
    if (body.empty()) throw UsageError("hosts update needs something to change (--name, --address, a credential or --repin-host-key)");
    auto h = c.api.call("PUT", "/api/hosts/" + pathSegment(host), body);
    if (c.json) return printJson(h), 0;
    std::cout << "updated host " << cell(h["name"]) << " (" << cell(h["id"]) << ")\n";
    printFingerprint(h);
    return 0;
}

int remove(ClientCall& c) {
    expectAtMost(c.args, 2);
    const auto& host = positional(c.args, 1, "HOST");
    c.api.call("DELETE", "/api/hosts/" + pathSegment(host));
    if (!c.json) std::cout << "removed host " << host << "\n";
    return 0;
}

int test(ClientCall& c) {
    expectAtMost(c.args, 2);
    auto r = c.api.call("POST", "/api/hosts/" + pathSegment(positional(c.args, 1, "HOST")) + "/test");
    const bool ok = r.value("ok", false);
    if (c.json) return printJson(r), ok ? 0 : 1;
    if (r.value("host_key_pinned_now", false)) std::cout << "host key pinned now: " << cell(r["ssh_host_key_fingerprint"]) << "\n";
    if (ok) std::cout << "ok: engine " << cell(r["engine_version"]) << "\n";
    else std::cout << "failed: " << cell(r["error"]) << "\n";
    return ok ? 0 : 1;
}

}  // namespace

int runHosts(const std::vector<std::string>& argv) {
    return runSubcommands(argv, "hosts", {{"list", list}, {"show", show}, {"add", add}, {"update", update}, {"remove", remove}, {"test", test}});
}

}  // namespace rivetr::cli
