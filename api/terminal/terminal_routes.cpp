// GET /api/containers/{id}/terminal: a WebSocket to a shell in a running container (admins, session cookie only).
#include "api/terminal/terminal_routes.hpp"

#include <pistache/http_headers.h>

#include <algorithm>

#include "api/http/api_errors.hpp"
#include "runtime/runtime_error.hpp"
#include "terminal/origin_check.hpp"
#include "terminal/terminal_exec.hpp"
#include "terminal/terminal_request.hpp"

namespace rivetr::api {
namespace {

using Pistache::Rest::Request;

std::string rawHeader(const Request& req, const std::string& name) {
    auto h = req.headers().tryGetRaw(name);
    return h ? h->value() : "";
}

bool equalsIgnoringCase(std::string a, std::string b) {
    auto lower = [](std::string& s) { std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); }); };
    lower(a);
    lower(b);
    return a == b;
}

// The Host the request arrived with, as a browser writes its origin: the port only when it is not the default.
std::string hostOf(const Request& req) {
    auto h = req.headers().tryGet<Pistache::Http::Header::Host>();
    if (!h || h->host().empty()) return "";
    auto port = static_cast<std::uint16_t>(h->port());
    return h->host() + (port == 80 || port == 443 ? "" : ":" + std::to_string(port));
}

// Why these checks are here and not in the authenticator: they are the WebSocket's own (F2.1 of the research).
std::optional<Reply> refusal(const TerminalDeps& d, const Request& req, const RequestContext& rc) {
    if (!d.terminals || !d.terminals->options().enabled)
        return Reply::error(403, "terminal_disabled", "the terminal is turned off on this server ([docker] terminal_enabled)");
    if (req.query().has("token") || req.query().has("access_token"))
        return Reply::error(400, "token_in_url", "a token in the URL is refused (it leaks into logs and history); "
                                                 "the terminal uses the dashboard's session cookie", "token");
    if (rc.sessionId.empty())
        return Reply::error(401, "session_required", "the terminal needs a signed-in dashboard session; API tokens are not accepted");
    if (!terminal::originAllowed(rawHeader(req, "Origin"), rc.viaTls ? "https" : "http", hostOf(req), d.alsoAllowedOrigins))
        return Reply::error(403, "origin", "the terminal opens only from this server's own dashboard (Origin does not match)");
    if (!equalsIgnoringCase(rawHeader(req, "Upgrade"), "websocket") || rawHeader(req, "Sec-WebSocket-Key").empty())
        return Reply::error(426, "upgrade_required", "the terminal is a WebSocket (Upgrade: websocket)");
    return std::nullopt;
}

// The engine's refusals as the contract's answers; anything else goes on to the middleware's 500.
Reply engineRefusal(const runtime::RuntimeError& e, const std::string& host) {
    using runtime::ErrorKind;
    switch (e.kind()) {
        case ErrorKind::NotFound: return Reply::error(404, "not_found", "no such container: " + e.daemonMessage());
        case ErrorKind::InvalidArgument: return Reply::error(400, "invalid", e.daemonMessage(), "id");
        case ErrorKind::Conflict: return Reply::error(409, "conflict", e.daemonMessage(), "id");  // not running
        case ErrorKind::DaemonUnavailable:
            return Reply::error(503, "engine_unavailable",
                                "the container engine of host '" + (host.empty() ? "local" : host) + "' does not answer");
        default: throw e;
    }
}

// Fills `exec` and `engine`, or answers why not.
std::optional<Reply> prepare(const TerminalDeps& d, const std::string& host, const std::string& container,
                             const std::vector<std::string>& shells, const std::string& user, terminal::PreparedExec& exec,
                             std::shared_ptr<runtime::ContainerRuntime>& engine) {
    try {
        engine = d.hosts->runtimeFor(host);
        exec = terminal::prepareExec(*engine, container, shells, user);
        return std::nullopt;
    } catch (const hosts::HostNotFound& e) {
        return Reply::error(404, "not_found", e.what(), "host");
    } catch (const terminal::ShellUnavailable& e) {
        return Reply::error(400, "invalid", e.what(), e.field());
    } catch (const runtime::RuntimeError& e) {
        return engineRefusal(e, host);
    }
}

Reply openTerminal(const std::shared_ptr<const TerminalDeps>& deps, const Request& req, RequestContext& rc) {
    const auto& d = *deps;
    if (auto refused = refusal(d, req, rc)) return *refused;
    auto shell = req.query().get("shell").value_or("");
    auto shells = terminal::shellCandidates(shell);
    if (!shells) throw ValidationError("shell", "shell must be auto, /bin/bash, /bin/ash or /bin/sh");
    auto user = req.query().get("user").value_or("");
    if (!terminal::validExecUser(user)) throw ValidationError("user", "user must be a user name or uid[:gid]");
    auto slot = d.terminals->reserve(rc.principal->actorType + ":" + rc.principal->name);
    if (!slot) return Reply::error(429, "too_many_terminals", "you have as many terminals open as this server allows");
    auto host = req.query().get("host").value_or("");
    std::shared_ptr<runtime::ContainerRuntime> engine;
    terminal::PreparedExec exec;
    if (auto refused = prepare(d, host, req.param(":id").as<std::string>(), *shells, user, exec, engine)) return *refused;

    terminal::SessionStart start;
    start.request = {req.resource() + (req.query().as_str().empty() ? "" : "?" + req.query().as_str()), hostOf(req),
                     rawHeader(req, "Sec-WebSocket-Key"), rawHeader(req, "Sec-WebSocket-Version")};
    start.exec = std::move(exec);
    start.engine = std::move(engine);
    auto& who = start.record;  // the session fills in the container, exec, shell, times and bytes
    who.actorType = rc.principal->actorType;
    who.actor = rc.principal->name;
    who.clientIp = rc.clientIp;
    who.requestId = rc.requestId;
    who.hostId = host.empty() ? "local" : host;
    who.user = user;
    // The slot travels with the answer: freed when the session ends, or at once if the client left meanwhile.
    auto held = std::make_shared<terminal::TerminalService::Slot>(std::move(*slot));
    return Reply::takingOver([deps, held, start = std::move(start)](int fd) mutable {
        start.fd = fd;
        deps->terminals->start(std::move(*held), std::move(start));
    });
}

}  // namespace

std::vector<Route> terminalRoutes(std::shared_ptr<const TerminalDeps> deps) {
    return {{Method::Get, "/api/containers/:id/terminal", store::Role::admin,
             {"Open a terminal in a running container: a WebSocket (101). Session cookie only (no token, no "
              "?token=), same-origin only; ?host= (default local), ?shell=auto|/bin/bash|/bin/ash|/bin/sh, ?user=name|uid[:gid]. "
              "Frames: binary = bytes both ways; text {\"type\":\"resize\",\"cols\",\"rows\"} = resize. Audited "
              "(container.terminal_open / container.terminal_close)",
              "containers", "", 101, ""},
             [deps](const Request& req, RequestContext& rc) { return openTerminal(deps, req, rc); }}};
}

}  // namespace rivetr::api
