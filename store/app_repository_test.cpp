// Apps in the store: round trip, lookup by id or name, unique names and domains, cascade on delete.
#include "store/app_repository.hpp"

#include <gtest/gtest.h>

#include "store/app_state_repository.hpp"
#include "store/env_repository.hpp"
#include "store/plaintext_scan.hpp"
#include "store/testing/store_fixture.hpp"

namespace rivetr::store {
namespace {

struct Fixture : testing::AppStoreTest {
    AppRecord app(const std::string& id, const std::string& name, std::vector<std::string> domains) {
        AppRecord a;
        a.id = id;
        a.name = name;
        a.gitUrl = "https://example.com/" + name + ".git";
        a.port = 8000;
        a.webhookSecret = "whsec-" + id;
        a.domains = std::move(domains);
        return a;
    }
};

TEST_F(Fixture, StageDeadlinesRoundTripAndClear) {
    auto a = app("app_1", "web", {});
    a.deadlines.buildMs = 120000;
    apps.create(a);
    auto stored = apps.find("web");
    EXPECT_EQ(stored->deadlines.buildMs, 120000);
    EXPECT_FALSE(stored->deadlines.cloneMs);
    stored->deadlines.buildMs.reset();
    stored->deadlines.healthMs = 5000;
    apps.updateSettings(*stored);
    auto again = apps.list().at(0);
    EXPECT_FALSE(again.deadlines.buildMs);
    EXPECT_EQ(again.deadlines.healthMs, 5000);
}

TEST_F(Fixture, CreateThenFindByIdOrName) {
    auto a = app("app_1", "web", {"web.example.com", "www.example.com"});
    a.healthcheck.path = "/healthz";
    a.memoryLimitBytes = 256 << 20;
    apps.create(a);
    auto byId = apps.find("app_1");
    ASSERT_TRUE(byId);
    EXPECT_EQ(byId->name, "web");
    EXPECT_EQ(byId->healthcheck.path, "/healthz");
    EXPECT_EQ(byId->memoryLimitBytes, 256 << 20);
    EXPECT_FALSE(byId->cpuLimitMillis);
    EXPECT_EQ(byId->webhookSecret, "whsec-app_1");
    EXPECT_EQ(byId->domains, (std::vector<std::string>{"web.example.com", "www.example.com"}));
    EXPECT_EQ(apps.find("web")->id, "app_1");
    EXPECT_FALSE(apps.find("nope"));
}

TEST_F(Fixture, WebhookSecretIsEncryptedAtRest) {
    apps.create(app("app_1", "web", {}));
    // Nowhere in the database, whichever column or table it might have moved to ...
    EXPECT_FALSE(store->withDb([](Database& db) { return anyCellContains(db, "whsec-app_1"); }));
    // ... yet stored: sealed where the repository reads it back from.
    EXPECT_EQ(apps.find("app_1")->webhookSecret, "whsec-app_1");
    auto sealed = store->withDb([](Database& db) {
        auto st = db.prepare("SELECT webhook_secret_enc FROM apps");
        st.step();
        return st.getBlob(0);
    });
    EXPECT_GT(sealed.size(), std::string("whsec-app_1").size());
}

TEST_F(Fixture, DuplicateNameOrDomainIsAConflictAndWritesNothing) {
    apps.create(app("app_1", "web", {"web.example.com"}));
    try {
        apps.create(app("app_2", "web", {}));
        FAIL();
    } catch (const ConflictError& e) {
        EXPECT_EQ(e.field(), "name");
    }
    try {
        apps.create(app("app_3", "other", {"WEB.example.com"}));
        FAIL();
    } catch (const ConflictError& e) {
        EXPECT_EQ(e.field(), "domains");
        EXPECT_STREQ(e.what(), "domain \"WEB.example.com\" is already in use by the app \"web\"; remove it from that app first");
    }
    EXPECT_EQ(apps.list().size(), 1u) << "a refused create left a half-written app";
}

TEST_F(Fixture, UpdateReplacesFieldsAndDomains) {
    apps.create(app("app_1", "web", {"a.example.com"}));
    auto a = *apps.find("app_1");
    a.branch = "release";
    a.domains = {"b.example.com"};
    apps.updateSettings(a);
    auto b = *apps.find("app_1");
    EXPECT_EQ(b.branch, "release");
    EXPECT_EQ(b.domains, std::vector<std::string>{"b.example.com"});
}

// A PUT /api/apps/:id reads the app, applies the body and writes it back. When the engine
// switches (or the user stops the app) between that read and that write, the write must not
// put the old live deployment back: the proxy would serve one version and the store name another.
TEST_F(Fixture, SettingsWrittenFromAStaleReadNeverRevertEngineState) {
    apps.create(app("app_1", "web", {"a.example.com"}));
    AppStateRepository state(*store);
    state.setLive("app_1", "dep_old");
    auto edited = *apps.find("app_1");  // the handler's read: live is dep_old
    state.setLive("app_1", "dep_new");  // the engine's switch lands meanwhile
    state.setStopped("app_1", true);    // and its user stops it
    edited.branch = "release";
    apps.updateSettings(edited);  // the handler's write
    auto stored = *apps.find("app_1");
    EXPECT_EQ(stored.branch, "release");
    EXPECT_EQ(stored.liveDeploymentId, "dep_new") << "a settings edit reverted the switch";
    EXPECT_TRUE(stored.stopped) << "a settings edit restarted a stopped app";
}

// A new app has no live deployment and runs, whatever the record handed to create says.
TEST_F(Fixture, CreateNeverWritesEngineState) {
    auto a = app("app_1", "web", {});
    a.liveDeploymentId = "dep_forged";
    a.stopped = true;
    apps.create(a);
    auto stored = *apps.find("app_1");
    EXPECT_FALSE(stored.liveDeploymentId);
    EXPECT_FALSE(stored.stopped);
    AppStateRepository(*store).setLive("app_1", "dep_1");
    EXPECT_EQ(apps.find("app_1")->liveDeploymentId, "dep_1");
}

TEST_F(Fixture, DeleteCascadesToDomainsAndEnv) {
    apps.create(app("app_1", "web", {"a.example.com"}));
    EnvRepository env(*store, box);
    env.set("app_1", {"K", "v"});
    EXPECT_TRUE(apps.remove("app_1"));
    EXPECT_FALSE(apps.remove("app_1"));
    EXPECT_TRUE(env.list("app_1").empty());
    apps.create(app("app_2", "web2", {"a.example.com"}));  // the domain is free again
}

TEST_F(Fixture, ListIsSortedWithDomains) {
    apps.create(app("app_2", "zeta", {"z.example.com"}));
    apps.create(app("app_1", "alpha", {}));
    auto all = apps.list();
    ASSERT_EQ(all.size(), 2u);
    EXPECT_EQ(all[0].name, "alpha");
    EXPECT_EQ(all[1].domains, std::vector<std::string>{"z.example.com"});
}

}  // namespace
}  // namespace rivetr::store
