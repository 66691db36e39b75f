// A test delivery: a ping signed with the app's secret, sent to Rivetr's own public webhook URL as GitHub would send it.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

#include "api/system/live_deps.hpp"
#include "store/records.hpp"

namespace rivetr::api {

struct TestDeliveryResult {
    std::string deliveryId;
    std::string url;            // where it was sent
    bool ok = false;            // Rivetr answered 200 "pong": the URL reaches it and the secret verifies
    std::optional<int> status;  // the HTTP status answered; nullopt when nothing answered
    std::int64_t durationMs = 0;
    std::string response;                // the answer's body (its start)
    std::optional<std::string> error;    // the transport failure, when there was one
    std::string explanation;             // what this means, in a sentence a user can act on
    std::optional<std::string> warning;  // public_url unset or loopback: what the test cannot prove
};

// Sends the ping and waits for the answer (at most `timeoutMs`). The URL is [server] public_url's
// webhook URL, or the API's own address when public_url is unset; never one the caller chooses, so
// the route cannot be used to make this server post signed requests elsewhere.
TestDeliveryResult sendTestDelivery(const store::AppRecord& app, const PublicAddress& address, long timeoutMs = 10000);

nlohmann::json testDeliveryToJson(const TestDeliveryResult& r);

}  // namespace rivetr::api
