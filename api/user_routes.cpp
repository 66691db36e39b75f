// Admin-only user management: list, create, change role/password/disabled, delete (last admin kept).
#include "api/user_routes.hpp"

#include <regex>

#include "api/api_errors.hpp"
#include "api/json_fields.hpp"
#include "api/user_json.hpp"

namespace rivetr::api {
namespace {

using store::Role;

Role roleField(const JsonFields& f) {
    auto role = store::parseRole(*f.string("role"));
    if (!role) throw ValidationError("role", "must be admin, developer or viewer");
    return *role;
}

Reply listUsers(ApiContext& ctx) {
    auto j = nlohmann::json::array();
    for (const auto& u : ctx.users.list()) j.push_back(userToJson(u));
    return Reply::json(200, j);
}

Reply createUser(ApiContext& ctx, const Pistache::Rest::Request& req, const RequestContext& rc) {
    auto body = parseJsonObject(req.body());
    JsonFields f(body, {"username", "password", "role"});
    auto username = f.string("username").value_or("");
    validateUsername(username);
    auto password = f.string("password").value_or("");
    validatePassword(password);
    if (!f.string("role")) throw ValidationError("role", "is required: admin, developer or viewer");
    auto role = roleField(f);
    auto u = ctx.users.create(username, password, role);
    ctx.record(rc, "user.create", "user", u.id, {{"username", u.username}, {"role", store::roleName(role)}});
    return Reply::json(201, userToJson(u));
}

Reply updateUser(ApiContext& ctx, const Pistache::Rest::Request& req, const RequestContext& rc) {
    auto id = req.param(":id").as<std::string>();
    auto body = parseJsonObject(req.body());
    JsonFields f(body, {"role", "password", "disabled", "totp_enabled"});
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
    // An admin can only take a second factor away (a lost phone); turning it on needs the user's code.
    auto totp = f.boolean("totp_enabled");
    if (totp && *totp) throw ValidationError("totp_enabled", "only false: users turn two-factor on themselves");
    auto u = ctx.users.update(id, change);
    if (!u) throw NotFoundError("no user \"" + id + "\"");
    if (totp && u->totpEnabled) {
        ctx.users.setTotpEnabled(id, false);
        u->totpEnabled = false;
        details["totp_reset"] = true;
    }
    details["username"] = u->username;
    ctx.record(rc, "user.update", "user", id, details);
    return Reply::json(200, userToJson(*u));
}

Reply deleteUser(ApiContext& ctx, const Pistache::Rest::Request& req, const RequestContext& rc) {
    auto id = req.param(":id").as<std::string>();
    auto u = ctx.users.get(id);
    if (!u || !ctx.users.remove(id)) throw NotFoundError("no user \"" + id + "\"");
    ctx.record(rc, "user.delete", "user", id, {{"username", u->username}});
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
void validatePassword(const std::string& password) {
    if (password.size() < 8 || password.size() > 256) throw ValidationError("password", "must be 8 to 256 characters");
}

std::vector<Route> userRoutes(ApiContext& ctx) {
    return {
        {Method::Get, "/api/users", Role::admin, [&ctx](const auto&, auto&) { return listUsers(ctx); }},
        {Method::Post, "/api/users", Role::admin, [&ctx](const auto& req, auto& rc) { return createUser(ctx, req, rc); }},
        {Method::Put, "/api/users/:id", Role::admin, [&ctx](const auto& req, auto& rc) { return updateUser(ctx, req, rc); }},
        {Method::Delete, "/api/users/:id", Role::admin,
         [&ctx](const auto& req, auto& rc) { return deleteUser(ctx, req, rc); }},
    };
}

}  // namespace rivetr::api
