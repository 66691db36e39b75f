// An app's git credential at rest: sealed in apps.git_token_enc, and moved there out of git_url once.
#include "store/git_credential_store.hpp"

#include <utility>
#include <vector>

namespace rivetr::store {
namespace {

// The ciphertext is bound to its app: copied to another row it does not decrypt.
std::string place(const std::string& appId) { return "app:" + appId + ":git_credential"; }

// Rewrites the text of the rows `select` (id, text) finds, their URL credentials redacted.
void redactColumn(Database& db, const std::string& select, const std::string& update, const std::string& appId) {
    std::vector<std::pair<std::string, std::string>> textRows;
    auto st = db.prepare(select);
    st.bind(1, appId);
    while (st.step()) textRows.emplace_back(st.getText(0), redactUrlCredentials(st.getText(1)));
    auto up = db.prepare(update);
    for (const auto& [id, text] : textRows) {
        up.bind(1, text).bind(2, id).exec();
        up.reset();
    }
}

// What a deployment of the app stored before the split may quote: its error and its log lines.
void redactDeploymentsOf(Database& db, const std::string& appId) {
    redactColumn(db, "SELECT id, error FROM deployments WHERE app_id = ? AND error LIKE '%://%@%'",
                 "UPDATE deployments SET error = ? WHERE id = ?", appId);
    redactColumn(db,
                 "SELECT l.id, l.line FROM deployment_logs l JOIN deployments d ON d.id = l.deployment_id "
                 "WHERE d.app_id = ? AND l.line LIKE '%://%@%'",
                 "UPDATE deployment_logs SET line = ? WHERE id = ?", appId);
}

}  // namespace

std::optional<UrlCredential> readGitCredential(const Statement& st, int col, const SecretBox& box,
                                               const std::string& appId) {
    if (st.isNull(col)) return std::nullopt;
    return parseUserinfo(box.open(st.getBlob(col), place(appId)));
}

// Stored as userinfo text ("user:password", percent-encoded): one unambiguous string to seal.
void writeGitCredential(Database& db, const std::string& appId, const std::optional<UrlCredential>& credential,
                        const SecretBox& box) {
    auto st = db.prepare("UPDATE apps SET git_token_enc = ? WHERE id = ?");
    if (credential) st.bind(1, box.seal(formatUserinfo(*credential), place(appId)));
    else st.bindNull(1);
    st.bind(2, appId).exec();
}

std::size_t moveGitCredentialsOutOfUrls(Store& store, const SecretBox& box) {
    std::size_t moved = store.withDb([&](Database& db) {
        std::vector<std::pair<std::string, SplitUrl>> pending;
        auto st = db.prepare("SELECT id, git_url FROM apps WHERE git_url LIKE '%@%'");
        while (st.step()) {
            auto split = splitUrlCredential(st.getText(1));
            if (split.credential) pending.emplace_back(st.getText(0), std::move(split));
        }
        Transaction tx(db);
        for (const auto& [id, split] : pending) {
            db.prepare("UPDATE apps SET git_url = ? WHERE id = ?").bind(1, split.url).bind(2, id).exec();
            writeGitCredential(db, id, split.credential, box);
            redactDeploymentsOf(db, id);
        }
        tx.commit();
        return pending.size();
    });
    if (moved > 0) store.noteAppsChanged();
    return moved;
}

}  // namespace rivetr::store
