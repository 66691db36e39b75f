// The repository-matching rule: every way a provider writes one repository's URL gives one key.
#include "api/webhooks/repo_url.hpp"

#include <gtest/gtest.h>

namespace rivetr::api {
namespace {

TEST(RepoKey, HttpsSshAndScpFormsOfOneRepositoryAreEqual) {
    const auto key = repoKey("https://github.com/acme/shop");
    for (const char* url : {"https://github.com/acme/shop.git", "https://GitHub.com/Acme/Shop.git/",
                            "http://github.com/acme/shop/", "git@github.com:acme/shop.git",
                            "ssh://git@github.com:22/acme/shop.git", "git://github.com/acme/shop.git",
                            "https://x-access-token:abc@github.com/acme/shop.git", " https://github.com/acme/shop "}) {
        EXPECT_EQ(repoKey(url), key) << url;
    }
}

TEST(RepoKey, DifferentRepositoriesDiffer) {
    EXPECT_NE(repoKey("https://github.com/acme/shop"), repoKey("https://github.com/acme/shop2"));
    EXPECT_NE(repoKey("https://github.com/acme/shop"), repoKey("https://gitlab.com/acme/shop"));
    EXPECT_NE(repoKey("https://github.com/acme/shop"), repoKey("https://github.com/other/shop"));
    EXPECT_NE(repoKey("https://gitlab.com/group/sub/shop"), repoKey("https://gitlab.com/group/shop"));
}

TEST(RepoKey, LocalRepositoriesKeepTheirExactPath) {
    EXPECT_EQ(repoKey("file:///srv/git/App.git"), repoKey("file:///srv/git/App/"));
    EXPECT_NE(repoKey("file:///srv/git/App"), repoKey("file:///srv/git/app"));
    EXPECT_EQ(repoKey("/srv/git/app"), repoKey("file:///srv/git/app"));
    EXPECT_NE(repoKey("file:///srv/git/app"), repoKey("https://srv/git/app"));
}

}  // namespace
}  // namespace rivetr::api
