// Git credentials at rest: sealed, round-tripped through the app, and moved out of old git_url values (and what quoted them) once.
#include "store/git_credential_store.hpp"

#include <gtest/gtest.h>

#include "store/testing/store_fixture.hpp"

namespace rivetr::store {
namespace {

struct GitCredentialStore : testing::AppStoreTest {
    AppRecord app(const std::string& id, const std::string& url) {
        AppRecord a;
        a.id = id;
        a.name = "web-" + id.substr(4);
        a.gitUrl = url;
        a.webhookSecret = "whsec";
        return a;
    }
    // Every byte of the row's URL and credential columns, as the database file holds them.
    std::string rawRow(const std::string& id) {
        return store->withDb([&](Database& db) {
            auto st = db.prepare("SELECT git_url, git_token_enc FROM apps WHERE id = ?");
            st.bind(1, id);
            st.step();
            auto b = st.isNull(1) ? crypto::Bytes{} : st.getBlob(1);
            return st.getText(0) + "|" + std::string(b.begin(), b.end());
        });
    }
};

TEST_F(GitCredentialStore, RoundTripsSealedAndClears) {
    auto a = app("app_1", "https://h/o/r.git");
    a.gitCredential = UrlCredential{"deploy", "pw:with@odd/chars"};
    apps.create(a);
    EXPECT_EQ(apps.find("app_1")->gitCredential, a.gitCredential);
    EXPECT_EQ(rawRow("app_1").find("pw:with"), std::string::npos) << "sealed, not plaintext";
    a.gitCredential.reset();
    apps.updateSettings(a);
    EXPECT_FALSE(apps.list().at(0).gitCredential);
}

// A database written before the split keeps "https://user:pw@host" in git_url: moved once, at start.
TEST_F(GitCredentialStore, MovesLegacyCredentialsOutOfTheUrlOnce) {
    apps.create(app("app_1", "https://h/o/plain.git"));
    apps.create(app("app_2", "git@h:o/scp.git"));
    store->withDb([](Database& db) {
        db.exec("INSERT INTO apps(id, name, git_url, port, webhook_secret_enc, created_at, updated_at) "
                "SELECT 'app_3', 'legacy', 'https://deploy:hunter2@h/o/r.git', port, webhook_secret_enc, 0, 0 "
                "FROM apps WHERE id = 'app_1'");
    });
    store->withDb([](Database& db) {
        db.exec("INSERT INTO deployments(id, app_id, error, created_at, status_changed_at) VALUES ('dep_1', 'app_3', "
                "'cannot reach https://deploy:hunter2@h/o/r.git: refused', 0, 0);"
                "INSERT INTO deployment_logs(deployment_id, ts, stream, line) VALUES ('dep_1', 0, 'system', "
                "'fetching main from https://deploy:hunter2@h/o/r.git')");
    });
    EXPECT_EQ(moveGitCredentialsOutOfUrls(*store, box), 1u);
    auto everything = store->withDb([](Database& db) {
        auto st = db.prepare("SELECT (SELECT error FROM deployments) || (SELECT line FROM deployment_logs)");
        st.step();
        return st.getText(0);
    });
    EXPECT_EQ(everything, "cannot reach https://***@h/o/r.git: refusedfetching main from https://***@h/o/r.git");
    EXPECT_EQ(rawRow("app_3").find("hunter2"), std::string::npos) << rawRow("app_3");
    EXPECT_EQ(rawRow("app_2"), "git@h:o/scp.git|");
    store->withDb([&](Database& db) {
        auto st = db.prepare("SELECT git_url, git_token_enc FROM apps WHERE id = 'app_3'");
        ASSERT_TRUE(st.step());
        EXPECT_EQ(st.getText(0), "https://h/o/r.git");
        EXPECT_EQ(readGitCredential(st, 1, box, "app_3"), (UrlCredential{"deploy", "hunter2"}));
    });
    EXPECT_EQ(moveGitCredentialsOutOfUrls(*store, box), 0u) << "idempotent";
}

}  // namespace
}  // namespace rivetr::store
