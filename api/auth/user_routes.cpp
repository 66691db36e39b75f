// Admin-only user management: list, create, change role/password/disabled, delete (last admin kept);
// disabling or deleting a user revokes the API tokens they own unless the admin hands them to another user.
#include "api/auth/user_routes.hpp"

#include <regex>

#include "api/http/api_errors.hpp"
#include "api/http/json_fields.hpp"
#include "api/auth/user_json.hpp"

namespace rivetr::api {
namespace {

using store::Role;

Role roleField(const JsonFields& f) {
    auto role = store::parseRole(*f.string("role"));
    if (!role) throw ValidationError("role", "must be admin, developer or viewer");
    return *role;
}

// `transfer_tokens_to`: an enabled user other than `from`, by id or name; checked before anything changes.
std::optional<std::string> tokenHeir(AuthDeps& ctx, const std::string& from, const std::optional<std::string>& heir) {
    if (!heir) return std::nullopt;
    auto u = ctx.users.get(*heir);
    if (!u) {
        for (const auto& candidate : ctx.users.list()) {
            if (candidate.username == *heir) u = candidate;
        }
    }
    if (!u || u->disabled || u->id == from) {
        throw ValidationError("transfer_tokens_to", "must name another enabled user (id or username)");
    }
    return u->id;
}

void recordHandover(nlohmann::json& details, const store::TokenHandover& tokens, const std::optional<std::string>& heir) {
    if (tokens.revoked) details["tokens_revoked"] = tokens.revoked;
    if (heir) details["tokens_transferred_to"] = *heir;
    if (tokens.transferred) details["tokens_transferred"] = tokens.transferred;
}

Reply listUsers(AuthDeps& ctx) {
    auto j = nlohmann::json::array();
    for (const auto& u : ctx.users.list()) j.push_back(userToJson(u));
    return Reply::json(200, j);
}

Reply createUser(AuthDeps& ctx, const Pistache::Rest::Request& req, const RequestContext& rc) {
    auto body = parseJsonObject(req.body());
    JsonFields f(body, {"username", "password", "role"});
    auto username = f.string("username").value_or("");
    validateUsername(username);
    auto password = f.string("password").value_or("");
    validatePassword(password);
    if (!f.string("role")) throw ValidationError("role", "is required: admin, developer or viewer");
    auto role = roleField(f);
    auto u = ctx.users.create(username, password, role);
    ctx.trail.record(rc, "user.create", "user", u.id, {{"username", u.username}, {"role", store::roleName(role)}});
    return Reply::json(201, userToJson(u));
}

Reply updateUser(AuthDeps& ctx, const Pistache::Rest::Request& req, const RequestContext& rc) {
    auto id = req.param(":id").as<std::string>();
    auto body = parseJsonObject(req.body());
    JsonFields f(body, {"role", "password", "disabled", "totp_enabled", "transfer_tokens_to"});
    store::UserChange change;
    nlohmann::json details = nlohmann::json::object();
    if (f.string("role")) {
        change.role = roleField(f);
        details["role"] = store::roleName(*change.role);
    }
    if (auto pw = f.string("password")) {
        validatePassword(*pw);
        change.password = *pw;
        details["password_changed"] = true;  // never the password itself
    }
    if (auto d = f.boolean("disabled")) {
        change.disabled = *d;
        details["disabled"] = *d;
    }
    if (auto heir = f.string("transfer_tokens_to")) {
        if (!change.disabled || !*change.disabled) throw ValidationError("transfer_tokens_to", "only with \"disabled\": true");
        change.tokensTo = tokenHeir(ctx, id, heir);
    }
    // An admin can only take a second factor away (a lost phone); turning it on needs the user's code.
    auto totp = f.boolean("totp_enabled");
    if (totp && *totp) throw ValidationError("totp_enabled", "only false: users turn two-factor on themselves");
    store::TokenHandover tokens;
    auto u = ctx.users.update(id, change, &tokens);
    if (!u) throw NotFoundError("no user \"" + id + "\"");
    recordHandover(details, tokens, change.tokensTo);
    if (totp && u->totpEnabled) {
        ctx.users.setTotpEnabled(id, false);
        u->totpEnabled = false;
        details["totp_reset"] = true;
    }
    details["username"] = u->username;
    ctx.trail.record(rc, "user.update", "user", id, details);
    return Reply::json(200, userToJson(*u));
}

Reply deleteUser(AuthDeps& ctx, const Pistache::Rest::Request& req, const RequestContext& rc) {
    auto id = req.param(":id").as<std::string>();
    auto u = ctx.users.get(id);
    if (!u) throw NotFoundError("no user \"" + id + "\"");
    auto heir = tokenHeir(ctx, id, req.query().get("transfer_tokens_to"));
    store::TokenHandover tokens;
    if (!ctx.users.remove(id, heir, &tokens)) throw NotFoundError("no user \"" + id + "\"");
    nlohmann::json details{{"username", u->username}};
    recordHandover(details, tokens, heir);
    ctx.trail.record(rc, "user.delete", "user", id, details);
    return Reply{204, "", "application/json"};
}

}  // namespace

void validateUsername(const std::string& username) {
    static const std::regex re("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$");
    if (!std::regex_match(username, re)) {
        throw ValidationError("username", "is required: 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit");
    }
}

// Length is the one rule that measurably helps; an upper bound keeps a login request cheap to refuse.
void validatePassword(const std::string& password, const std::string& field) {
    if (password.size() < 8 || password.size() > 256) throw ValidationError(field, "must be 8 to 256 characters");
}

std::vector<Route> userRoutes(AuthDeps& ctx) {
    return {
        {Method::Get, "/api/users", Role::admin,
         {"List users (never passwords)", "users", "", 200, "UserList"},
         [&ctx](const auto&, auto&) { return listUsers(ctx); }},
        {Method::Post, "/api/users", Role::admin,
         {"Create a user {username, password, role}", "users", "UserInput", 201, "User"},
         [&ctx](const auto& req, auto& rc) { return createUser(ctx, req, rc); }},
        {Method::Put, "/api/users/:id", Role::admin,
         {"Change a user {role?, password?: a new password, which ends all the user's sessions, totp_enabled?: false "
          "resets a lost second factor (and deletes its recovery codes), disabled?, "
          "transfer_tokens_to?: with disabled=true, the user (id or name) who gets their API tokens}; disabling "
          "revokes the API tokens the user owns unless transferred; the last enabled admin stays (409)",
          "users", "UserChange", 200, "User"},
         [&ctx](const auto& req, auto& rc) { return updateUser(ctx, req, rc); }},
        {Method::Delete, "/api/users/:id", Role::admin,
         {"Delete a user (?transfer_tokens_to=user id or name hands over their API tokens, otherwise they are "
          "revoked); not the last enabled admin (409)",
          "users", "", 204, ""},
         [&ctx](const auto& req, auto& rc) { return deleteUser(ctx, req, rc); }},
    };
}

}  // namespace rivetr::api
