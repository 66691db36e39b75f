// External routes in the store: upsert, list, remove, and one owner per host name across apps and routes.
#include "store/external_route_repository.hpp"

#include <gtest/gtest.h>

#include "store/conflict_error.hpp"
#include "store/testing/store_fixture.hpp"

namespace rivetr::store {
namespace {

struct ExternalRoutes : testing::AppStoreTest {
    ExternalRouteRepository routes{*store};

    void createApp(const std::string& domain) {
        AppRecord a;
        a.id = "app_1";
        a.name = "web";
        a.gitUrl = "https://example.com/web.git";
        a.port = 8000;
        a.webhookSecret = "whsec";
        a.domains = {domain};
        apps.create(a);
    }
};

TEST_F(ExternalRoutes, PutReplacesAndRemoveDeletes) {
    routes.put({"grafana.example.com", "10.0.0.5:3000", false});
    routes.put({"grafana.example.com", "10.0.0.6:3000", true});
    auto all = routes.list();
    ASSERT_EQ(all.size(), 1u);
    EXPECT_EQ(all[0].upstream, "10.0.0.6:3000");
    EXPECT_TRUE(all[0].tls);
    EXPECT_TRUE(routes.find("GRAFANA.example.com")) << "domains compare case-insensitively";
    EXPECT_TRUE(routes.remove("grafana.example.com"));
    EXPECT_FALSE(routes.remove("grafana.example.com"));
    EXPECT_TRUE(routes.list().empty());
}

TEST_F(ExternalRoutes, AnAppDomainCannotBecomeAnExternalRoute) {
    createApp("web.example.com");
    try {
        routes.put({"web.example.com", "127.0.0.1:9000", false});
        FAIL() << "an app's domain was taken by an external route";
    } catch (const ConflictError& e) {
        EXPECT_EQ(e.field(), "domain");
    }
    EXPECT_TRUE(routes.list().empty());
}

TEST_F(ExternalRoutes, AnExternalRouteDomainCannotBeGivenToAnApp) {
    routes.put({"web.example.com", "127.0.0.1:9000", false});
    try {
        createApp("web.example.com");
        FAIL() << "an external route's domain was given to an app";
    } catch (const ConflictError& e) {
        EXPECT_EQ(e.field(), "domains");
    }
    EXPECT_TRUE(apps.list().empty()) << "the refused app was half written";
}

}  // namespace
}  // namespace rivetr::store
