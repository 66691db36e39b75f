// Admin-only routes: named API tokens (created, listed, revoked) and the audit log.
#include "api/auth/admin_routes.hpp"

#include <regex>

#include "api/http/api_errors.hpp"
#include "api/http/json_fields.hpp"
#include "core/clock.hpp"

namespace rivetr::api {
namespace {

using store::Role;

nlohmann::json optTime(const std::optional<std::int64_t>& t) { return t ? nlohmann::json(formatRfc3339(*t)) : nlohmann::json(); }

// Who minted the token and so who it dies with: a user, the instance admin token, or (tokens older
// than owners) null.
nlohmann::json ownerToJson(const store::ApiTokenRecord& t) {
    if (t.userId) return {{"type", "user"}, {"user_id", *t.userId}, {"name", t.ownerName.value_or("")}};
    if (t.ownerType == "admin_token") return {{"type", "admin_token"}, {"user_id", nullptr}, {"name", "admin"}};
    return nullptr;
}

nlohmann::json tokenToJson(const store::ApiTokenRecord& t) {
    return {{"id", t.id},
            {"name", t.name},
            {"prefix", t.prefix},
            {"role", store::roleName(t.role)},
            {"owner", ownerToJson(t)},
            {"created_at", formatRfc3339(t.createdAt)},
            {"expires_at", optTime(t.expiresAt)},
            {"last_used_at", optTime(t.lastUsedAt)},
            {"revoked_at", optTime(t.revokedAt)}};
}

Reply createToken(AuthDeps& ctx, const Pistache::Rest::Request& req, const RequestContext& rc) {
    auto body = parseJsonObject(req.body());
    JsonFields f(body, {"name", "role", "expires_in_days"});
    static const std::regex nameRe("^[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}$");
    auto name = f.string("name");
    if (!name || !std::regex_match(*name, nameRe)) {
        throw ValidationError("name", "is required: 1-64 letters, digits, spaces, '.', '_' or '-'");
    }
    auto role = store::parseRole(f.string("role").value_or("developer"));
    if (!role) throw ValidationError("role", "must be admin, developer or viewer");
    std::optional<std::int64_t> expires;
    if (auto days = f.integer("expires_in_days")) {
        if (*days < 1 || *days > 3650) throw ValidationError("expires_in_days", "must be between 1 and 3650");
        expires = nowMs() + *days * 86400000;
    }
    // The token belongs to the user behind the caller, and ends with that user's access.
    store::TokenOwner owner;
    if (!rc.principal->userId.empty()) owner.userId = rc.principal->userId;
    auto created = ctx.tokens.create(*name, *role, expires, owner);
    ctx.trail.record(rc, "token.create", "token", created.record.id,
               {{"name", *name}, {"role", store::roleName(*role)}, {"owner", ownerToJson(created.record)}});
    auto j = tokenToJson(created.record);
    j["token"] = created.token;  // shown once
    return Reply::json(201, j);
}

Reply listTokens(AuthDeps& ctx) {
    auto j = nlohmann::json::array();
    for (const auto& t : ctx.tokens.list()) j.push_back(tokenToJson(t));
    return Reply::json(200, j);
}

Reply revokeToken(AuthDeps& ctx, const Pistache::Rest::Request& req, const RequestContext& rc) {
    auto id = req.param(":id").as<std::string>();
    if (!ctx.tokens.revoke(id, nowMs())) throw NotFoundError("no active token \"" + id + "\"");
    ctx.trail.record(rc, "token.revoke", "token", id);
    return Reply{204, "", "application/json"};
}

Reply listAudit(AuthDeps& ctx, const Pistache::Rest::Request& req) {
    auto number = [&](const char* name, std::int64_t fallback, std::int64_t lo, std::int64_t hi) {
        auto v = req.query().get(name);
        if (!v) return fallback;
        try {
            auto n = std::stoll(*v);
            if (n < lo || n > hi) throw std::out_of_range("range");
            return static_cast<std::int64_t>(n);
        } catch (const std::exception&) {
            throw ValidationError(name, "must be a number between " + std::to_string(lo) + " and " + std::to_string(hi));
        }
    };
    auto limit = number("limit", 100, 1, 1000);
    auto before = number("before", 0, 0, INT64_MAX);
    auto j = nlohmann::json::array();
    for (const auto& e : ctx.audit.list(static_cast<int>(limit), before)) {
        j.push_back({{"id", e.id},
                     {"ts", formatRfc3339(e.ts)},
                     {"actor_type", e.actorType},
                     {"actor", e.actor},
                     {"action", e.action},
                     {"target_type", e.targetType},
                     {"target_id", e.targetId},
                     {"details", nlohmann::json::parse(e.details.empty() ? "{}" : e.details, nullptr, false)},
                     {"request_id", e.requestId},
                     {"ip", e.ip}});
    }
    return Reply::json(200, j);
}

}  // namespace

std::vector<Route> adminRoutes(AuthDeps& ctx) {
    return {
        {Method::Get, "/api/tokens", Role::admin,
         {"List API tokens", "admin", "", 200, "TokenList"},
         [&ctx](const auto&, auto&) { return listTokens(ctx); }},
        {Method::Post, "/api/tokens", Role::admin,
         {"Create an API token (shown once)", "admin", "TokenInput", 201, "Token"},
         [&ctx](const auto& req, auto& rc) { return createToken(ctx, req, rc); }},
        {Method::Delete, "/api/tokens/:id", Role::admin,
         {"Revoke an API token", "admin", "", 204, ""},
         [&ctx](const auto& req, auto& rc) { return revokeToken(ctx, req, rc); }},
        {Method::Get, "/api/audit", Role::admin,
         {"Audit log, newest first (?limit, ?before)", "admin", "", 200, "AuditList"},
         [&ctx](const auto& req, auto&) { return listAudit(ctx, req); }},
    };
}

}  // namespace rivetr::api
