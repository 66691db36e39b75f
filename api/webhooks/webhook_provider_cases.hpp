// The webhook tests' providers: each one's recorded push payload, how its payload keeps branch and message,
// and a test fixture that posts deliveries as that provider sends them.
#pragma once

#include "api/webhooks/webhook_test_harness.hpp"

namespace rivetr::api::test_webhooks {

using nlohmann::json;

inline std::string fixture(const std::string& name) { return test::readFile(std::filesystem::path(RIVETR_WEBHOOK_FIXTURES) / name); }

// What differs between providers' payloads: where a payload keeps its fields.
struct ProviderCase {
    std::string name;
    std::string fixture;
    std::string appUrl;  // the repository as a user typed it into the app (another form than the payload's)
    std::string commit;  // the head commit of the fixture's push
    std::string pushEvent;
    std::function<void(json&, const std::string&)> setBranch;
    std::function<void(json&, const std::string&)> setMessage;
    bool signsBody = true;  // GitLab's token is a shared secret, not a signature of the body
    std::string headline, author;  // the head commit's first line and author, as the payload gives them
};

inline void PrintTo(const ProviderCase& c, std::ostream* os) { *os << c.name; }

inline std::vector<ProviderCase> providers() {
    return {
        {"github", "github_push.json", "git@github.com:Acme/shop.git", "0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c", "push",
         [](json& j, const std::string& b) { j["ref"] = "refs/heads/" + b; },
         [](json& j, const std::string& m) { j["head_commit"]["message"] = m; j["commits"][0]["message"] = m; },
         true, "Add the checkout page — caf\u00e9 prices ✓", "Mona Lisa <mona@example.com>"},
        {"gitlab", "gitlab_push.json", "https://gitlab.com/acme/shop", "da1560886d4f094c3e6c9ef40349f7d38b5d27d7",
         "Push Hook", [](json& j, const std::string& b) { j["ref"] = "refs/heads/" + b; },
         [](json& j, const std::string& m) { j["commits"][1]["message"] = m; }, false, "Fix the basket total",
         "GitLab dev user <gitlabdev@example.com>"},
        {"gitea", "gitea_push.json", "git@git.example.com:acme/shop.git", "bffeb74224043ba2feb48d137756c8a9331c449a", "push",
         [](json& j, const std::string& b) { j["ref"] = "refs/heads/" + b; },
         [](json& j, const std::string& m) { j["head_commit"]["message"] = m; j["commits"][0]["message"] = m; },
         true, "Show stock levels", "Gitea <someone@gitea.io>"},
        {"bitbucket", "bitbucket_push.json", "https://ann@bitbucket.org/acme/shop.git",
         "8f5952f4dcffd7b311181d48eb0394b0cca21410", "repo:push",
         [](json& j, const std::string& b) { j["push"]["changes"][0]["new"]["name"] = b; },
         [](json& j, const std::string& m) { j["push"]["changes"][0]["new"]["target"]["message"] = m; }, true,
         "Add gift cards", "Ann Smith <ann@example.com>"},
    };
}

class Webhooks : public ::testing::TestWithParam<ProviderCase>, protected WebhookServer {
protected:
    const ProviderCase& p = GetParam();
    const ProviderScheme scheme = schemeOf(p.name);
    int deliveries = 0;

    // Posts `body` as the provider would: its event header, a fresh delivery id unless given, and
    // `auth` as the signature headers.
    test::HttpResponse deliver(const std::string& body, const std::vector<std::string>& auth,
                               std::string delivery = "", std::string event = "") {
        if (delivery.empty()) delivery = "7e2c1f40-12d3-11ef-8f3c-" + std::to_string(100000000000 + ++deliveries);
        return post(p.name, event.empty() ? p.pushEvent : event, delivery, body, auth);
    }
    test::HttpResponse deliverSigned(const std::string& body, const std::string& secret, const std::string& delivery = "") {
        return deliver(body, scheme.sign(secret, body), delivery);
    }
    std::string variant(const std::function<void(json&)>& change) const {
        auto j = json::parse(fixture(p.fixture));
        change(j);
        return j.dump(2);
    }
    static std::string reasonOf(const test::HttpResponse& r) { return json::parse(r.body, nullptr, false).value("reason", ""); }
};

}  // namespace rivetr::api::test_webhooks
