// What the webhook routes work with: the apps whose secrets verify deliveries, the delivery log, the server's address.
#pragma once

#include <string>

#include "api/http/audit_trail.hpp"
#include "api/http/public_address.hpp"
#include "store/app_repository.hpp"
#include "store/audit_repository.hpp"
#include "store/store.hpp"

namespace rivetr::api {

struct WebhooksDeps {
    store::Store& store;
    store::AppRepository& apps;
    store::AuditRepository& audit;  // deliveries are audited as the provider, not a principal
    // [auth] webhook_secret: verifies deliveries for every app besides each app's own; empty: off.
    const std::string& webhookSecret;
    const PublicAddress& address;  // where a test delivery is sent
    AuditTrail& trail;
};

}  // namespace rivetr::api
