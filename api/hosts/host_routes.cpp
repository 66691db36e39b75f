// /api/hosts: list and read every host with its state; add, change, remove and test remote hosts (admin, audited). Credentials go in, never out.
#include "api/hosts/host_routes.hpp"

#include "api/http/api_errors.hpp"
#include "api/http/json_fields.hpp"
#include "core/clock.hpp"
#include "store/conflict_error.hpp"

namespace rivetr::api {
namespace {

using nlohmann::json;
using store::Role;
using Deps = std::shared_ptr<const HostsDeps>;

const std::vector<std::pair<const char*, std::optional<std::string> store::HostSecrets::*>> kSecretFields{
    {"tls_ca", &store::HostSecrets::tlsCa},
    {"tls_cert", &store::HostSecrets::tlsCert},
    {"tls_key", &store::HostSecrets::tlsKey},
    {"ssh_key", &store::HostSecrets::sshKey}};

// The state from the directory, the rest from the store record (none for the local engine). Only
// whether each credential is stored is said, never the credential.
json hostJson(const hosts::HostState& s, const std::optional<store::HostRecord>& r) {
    return {{"id", s.id},
            {"name", s.name},
            {"kind", s.kind},
            {"address", r ? r->address : ""},
            {"ok", s.ok},
            {"since", formatRfc3339(s.sinceMs)},
            {"error", s.error},
            {"engine_version", s.engineVersion},
            {"ssh_host_key", r ? r->sshHostKey : ""},
            {"ssh_host_key_fingerprint", r ? r->sshHostKeyFingerprint : ""},
            {"has_tls_ca", r && r->hasTlsCa},
            {"has_tls_cert", r && r->hasTlsCert},
            {"has_tls_key", r && r->hasTlsKey},
            {"has_ssh_key", r && r->hasSshKey},
            {"created_at", r ? json(formatRfc3339(r->createdAt)) : json(nullptr)},
            {"created_by", r ? r->createdBy : ""}};
}

hosts::RegistryHostDirectory& registryOf(const Deps& deps) {
    if (!deps->registry) throw NotFoundError("this server manages only its local engine");
    return *deps->registry;
}

bool isLocal(const std::string& id) { return id == hosts::kLocalHost; }

// The record of `idOrName` (an id or a name), or 404.
store::HostRecord recordOf(const Deps& deps, const std::string& idOrName) {
    auto record = deps->registry ? deps->registry->find(idOrName) : std::nullopt;
    if (!record) throw NotFoundError("no host '" + idOrName + "'");
    return *record;
}

json describe(const Deps& deps, const std::string& id) {
    for (const auto& s : deps->directory.hosts()) {
        if (s.id != id) continue;
        return hostJson(s, isLocal(id) ? std::nullopt : std::optional(recordOf(deps, id)));
    }
    throw NotFoundError("no host '" + id + "'");
}

Reply list(const Deps& deps) {
    auto out = json::array();
    for (const auto& s : deps->directory.hosts()) {
        auto record = !isLocal(s.id) && deps->registry ? deps->registry->find(s.id) : std::nullopt;
        out.push_back(hostJson(s, record));
    }
    return Reply::json(200, out);
}

Reply get(const Deps& deps, const Pistache::Rest::Request& req) {
    auto id = req.param(":id").as<std::string>();
    return Reply::json(200, describe(deps, isLocal(id) ? id : recordOf(deps, id).id));
}

store::HostSecrets secretsFrom(const JsonFields& f) {
    store::HostSecrets secrets;
    for (const auto& [field, member] : kSecretFields) secrets.*member = f.string(field);
    return secrets;
}

std::vector<std::string> givenSecrets(const store::HostSecrets& s) {
    std::vector<std::string> names;
    for (const auto& [field, member] : kSecretFields)
        if (s.*member) names.emplace_back(field);
    return names;
}

// The directory's own errors, as the API's: a malformed field is a 400 naming it.
template <typename Fn>
auto asApiErrors(Fn&& fn) -> decltype(fn()) {
    try {
        return fn();
    } catch (const hosts::InvalidHostInput& e) {
        throw ValidationError(e.field(), e.what());
    }
}

Reply create(const Deps& deps, const Pistache::Rest::Request& req, const RequestContext& rc) {
    auto& registry = registryOf(deps);
    auto body = parseJsonObject(req.body());
    JsonFields f(body, {"name", "kind", "address", "tls_ca", "tls_cert", "tls_key", "ssh_key"});
    hosts::NewHost host{f.string("name").value_or(""), f.string("kind").value_or(""), f.string("address").value_or(""),
                        secretsFrom(f), rc.principal ? rc.principal->name : "system"};
    auto stored = asApiErrors([&] { return registry.add(host); });
    deps->trail.record(rc, "host.create", "host", stored.id,
                       {{"name", stored.name}, {"kind", stored.kind}, {"address", stored.address},
                        {"ssh_host_key_fingerprint", stored.sshHostKeyFingerprint}, {"credentials", givenSecrets(host.secrets)}});
    return Reply::json(201, describe(deps, stored.id));
}

void refuseLocal(const std::string& id) {
    if (isLocal(id))
        throw store::ConflictError("id", "the local engine is set in the configuration ([runtime]), not through the API");
}

Reply update(const Deps& deps, const Pistache::Rest::Request& req, const RequestContext& rc) {
    auto id = req.param(":id").as<std::string>();
    refuseLocal(id);
    auto& registry = registryOf(deps);
    auto old = recordOf(deps, id);
    auto body = parseJsonObject(req.body());
    JsonFields f(body, {"name", "kind", "address", "tls_ca", "tls_cert", "tls_key", "ssh_key", "repin_host_key"});
    if (auto kind = f.string("kind"); kind && *kind != old.kind)
        throw ValidationError("kind", "a host's kind cannot change: remove it and add it again");
    hosts::HostChange change{f.string("name"), f.string("address"), secretsFrom(f), f.boolean("repin_host_key").value_or(false)};
    auto stored = asApiErrors([&] { return registry.update(old.id, change); });
    if (!stored) throw NotFoundError("no host '" + id + "'");
    json changed = json::array();
    for (const char* field : {"name", "address"})
        if (f.has(field)) changed.push_back(field);
    for (const auto& s : givenSecrets(change.secrets)) changed.push_back(s);
    if (change.repinHostKey) changed.push_back("repin_host_key");
    deps->trail.record(rc, "host.update", "host", stored->id,
                       {{"name", stored->name}, {"changed", changed}, {"ssh_host_key_fingerprint", stored->sshHostKeyFingerprint}});
    return Reply::json(200, describe(deps, stored->id));
}

Reply remove(const Deps& deps, const Pistache::Rest::Request& req, const RequestContext& rc) {
    auto id = req.param(":id").as<std::string>();
    refuseLocal(id);
    auto record = recordOf(deps, id);
    if (!registryOf(deps).remove(record.id)) throw NotFoundError("no host '" + id + "'");
    deps->trail.record(rc, "host.delete", "host", record.id, {{"name", record.name}, {"address", record.address}});
    return Reply{204, "", "application/json"};
}

hosts::HostTestResult testLocal(const Deps& deps) {
    hosts::HostTestResult result;
    try {
        auto rt = deps->directory.runtimeFor(hosts::kLocalHost);
        result.engineVersion = rt->version().version;
        result.ok = true;
    } catch (const runtime::RuntimeError& e) {
        result.error = e.daemonMessage();
    }
    return result;
}

Reply test(const Deps& deps, const Pistache::Rest::Request& req, const RequestContext& rc) {
    auto id = req.param(":id").as<std::string>();
    if (!isLocal(id)) id = recordOf(deps, id).id;
    auto r = isLocal(id) ? testLocal(deps) : registryOf(deps).test(id);
    json details{{"ok", r.ok}, {"engine_version", r.engineVersion}, {"error", r.error}};
    if (r.hostKeyPinnedNow) details["ssh_host_key_pinned"] = r.hostKeyFingerprint;
    deps->trail.record(rc, "host.test", "host", id, details);
    return Reply::json(200, {{"ok", r.ok},
                             {"engine_version", r.engineVersion},
                             {"error", r.error},
                             {"ssh_host_key_fingerprint", r.hostKeyFingerprint},
                             {"host_key_pinned_now", r.hostKeyPinnedNow}});
}

}  // namespace

std::vector<Route> hostRoutes(std::shared_ptr<const HostsDeps> deps) {
    return {
        {Method::Get, "/api/hosts", Role::viewer,
         {"List the container engines: the local one first, then each remote host with its state (ok / unreachable "
          "since …) from the last attempt; never waits on a host",
          "hosts", "", 200, "HostList"},
         [deps](const auto&, auto&) { return list(deps); }},
        {Method::Post, "/api/hosts", Role::admin,
         {"Add a remote Docker host: tcp (host:port with TLS CA, client certificate and key) or ssh (user@host[:port] "
          "with a private key; the host key is pinned at once when the host answers). Credentials are stored "
          "encrypted and never returned",
          "hosts", "HostInput", 201, "Host"},
         [deps](const auto& req, auto& rc) { return create(deps, req, rc); }},
        {Method::Get, "/api/hosts/:id", Role::viewer,
         {"One host (by id or name) with its state", "hosts", "", 200, "Host"},
         [deps](const auto& req, auto&) { return get(deps, req); }},
        {Method::Put, "/api/hosts/:id", Role::admin,
         {"Rename or readdress a remote host, replace credentials (those not given are kept), or re-pin its SSH host "
          "key after a reinstall (repin_host_key); a new address also re-pins",
          "hosts", "HostUpdate", 200, "Host"},
         [deps](const auto& req, auto& rc) { return update(deps, req, rc); }},
        {Method::Delete, "/api/hosts/:id", Role::admin,
         {"Forget a remote host (its containers are not touched)", "hosts", "", 204, ""},
         [deps](const auto& req, auto& rc) { return remove(deps, req, rc); }},
        {Method::Post, "/api/hosts/:id/test", Role::admin,
         {"Connect to a host now (ignoring back-off) and say what its engine answered; an ssh host without a pinned key "
          "gets it pinned first (trust on first use), one whose key changed is refused",
          "hosts", "", 200, "HostTestResult"},
         [deps](const auto& req, auto& rc) { return test(deps, req, rc); }},
    };
}

}  // namespace rivetr::api
