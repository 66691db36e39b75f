// An app's git credential at rest: sealed in apps.git_token_enc, and moved there out of git_url once.
#pragma once

#include <cstddef>
#include <optional>

#include "core/url_userinfo.hpp"
#include "store/database.hpp"
#include "store/secret_box.hpp"
#include "store/store.hpp"

namespace rivetr::store {

// Reads the credential of the row `st` is on, from column `col` (NULL: none).
std::optional<UrlCredential> readGitCredential(const Statement& st, int col, const SecretBox& box,
                                               const std::string& appId);
// Sets (or clears, with nullopt) the app's credential; part of the caller's transaction.
void writeGitCredential(Database& db, const std::string& appId, const std::optional<UrlCredential>& credential,
                        const SecretBox& box);

// Apps stored before credentials were split off kept them in git_url ("https://u:pw@host/..."):
// moves each into the sealed column and leaves the URL without it, and redacts the credential in
// what those apps' deployments stored (errors, log lines quoting the URL). Idempotent (a split URL has
// nothing left to move); `rivetr serve` runs it at every start, after the migrations. Returns how
// many apps it changed.
std::size_t moveGitCredentialsOutOfUrls(Store& store, const SecretBox& box);

}  // namespace rivetr::store
