// Helpers the provider parsers share: the JSON body and strict string fields.
#include "api/webhooks/webhook_payload.hpp"

#include <algorithm>

#include "api/http/api_errors.hpp"

namespace rivetr::api::webhook {

nlohmann::json readBody(const WebhookRequest& req) {
    if (req.contentType.find("application/x-www-form-urlencoded") != std::string::npos) {
        throw ValidationError("Content-Type", "form-encoded webhooks are not supported; set the content type to application/json");
    }
    auto j = nlohmann::json::parse(req.body, nullptr, false);
    return j.is_object() ? j : nlohmann::json();
}

std::string requireHeader(const WebhookRequest& req, const std::string& name) {
    auto v = req.header(name);
    if (!v || v->empty()) throw ValidationError(name, "missing the " + name + " header");
    return *v;
}

WebhookEvent eventFrom(const WebhookRequest& req, const EventHeaders& headers) {
    WebhookEvent e;
    e.name = requireHeader(req, headers.name);
    e.deliveryId = req.header(headers.delivery).value_or("");
    if (headers.ping && e.name == headers.ping) e.kind = WebhookEvent::Kind::ping;
    if (e.name == headers.push) e.kind = WebhookEvent::Kind::push;
    return e;
}

std::string text(const nlohmann::json& j, const char* pointer) {
    nlohmann::json::json_pointer p(pointer);
    if (!j.contains(p)) return {};
    const auto& v = j.at(p);
    return v.is_string() ? v.get<std::string>() : std::string();
}

std::vector<std::string> urlsAt(const nlohmann::json& j, const std::vector<const char*>& pointers) {
    std::vector<std::string> out;
    for (const char* p : pointers) {
        if (auto url = text(j, p); !url.empty()) out.push_back(std::move(url));
    }
    return out;
}

const nlohmann::json* commitById(const nlohmann::json& j, const std::string& id) {
    auto commits = j.find("commits");
    if (id.empty() || commits == j.end() || !commits->is_array()) return nullptr;
    for (const auto& c : *commits) {
        if (c.is_object() && text(c, "/id") == id) return &c;
    }
    return nullptr;
}

std::string authorOf(const nlohmann::json& commit) {
    auto name = text(commit, "/author/name");
    if (name.empty()) return {};
    auto email = text(commit, "/author/email");
    return email.empty() ? name : name + " <" + email + ">";
}

bool isZeroSha(const std::string& sha) {
    return !sha.empty() && std::all_of(sha.begin(), sha.end(), [](char c) { return c == '0'; });
}

}  // namespace rivetr::api::webhook
