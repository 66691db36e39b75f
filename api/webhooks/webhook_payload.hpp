// Helpers the provider parsers share: the JSON body and strict string fields.
#pragma once

#include <nlohmann/json.hpp>

#include <string>

#include "api/webhooks/webhook_provider.hpp"

namespace rivetr::api::webhook {

// The body as a JSON object; null when it is not one (the handler answers that only after the
// signature check: a truncated body is first of all an unverifiable one). ValidationError naming
// the content type when it is a form, which no signature could make deployable.
nlohmann::json readBody(const WebhookRequest& req);
// The header's value; ValidationError naming the header when it is missing or empty.
std::string requireHeader(const WebhookRequest& req, const std::string& name);
// The event the headers name (ValidationError when the event header is missing) and its kind.
WebhookEvent eventFrom(const WebhookRequest& req, const EventHeaders& headers);
// The string at `pointer` ("/repository/clone_url"), "" when absent, null or not a string.
std::string text(const nlohmann::json& j, const char* pointer);
// The non-empty strings at `pointers`, in order: every URL a payload gives for its repository.
std::vector<std::string> urlsAt(const nlohmann::json& j, const std::vector<const char*>& pointers);

// The commit object with this id in the payload's "commits" list; nullptr when it is not there.
const nlohmann::json* commitById(const nlohmann::json& j, const std::string& id);
// "Name <email>" from a commit object's author {name, email} (GitHub, GitLab, Gitea); "" without a name.
std::string authorOf(const nlohmann::json& commit);

// "0000…0": the sha a push reports for a ref it deleted.
bool isZeroSha(const std::string& sha);

}  // namespace rivetr::api::webhook
