// Tests only: the fresh store every repository test starts from, with the repositories most of them need.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "core/crypto.hpp"
#include "store/app_repository.hpp"
#include "store/app_state_repository.hpp"
#include "store/deployment_repository.hpp"
#include "store/env_repository.hpp"
#include "store/password_hasher.hpp"
#include "store/secret_box.hpp"
#include "store/store.hpp"
#include "store/user_repository.hpp"
#include "tests/support/test_support.hpp"

namespace rivetr::store::testing {

// A key for sealing test secrets; every test has its own database, so one key serves them all.
inline SecretBox testSecretBox() { return SecretBox(*crypto::keyFromHex(std::string(64, 'a'))); }

// A migrated store in a temporary directory, removed with the test.
class StoreTest : public ::testing::Test {
protected:
    explicit StoreTest(const std::string& prefix = "rivetr-test") : dir(prefix) {}

    test::TempDir dir;
    std::unique_ptr<Store> store = Store::open(dir.path());
};

// A store with apps: the rows most other tables hang off.
class AppStoreTest : public StoreTest {
protected:
    using StoreTest::StoreTest;

    SecretBox box = testSecretBox();
    AppRepository apps{*store, box};

    // Stores a minimal app (cloned from file:///x) for rows of other tables to refer to.
    AppRecord createApp(const std::string& id, const std::string& name) {
        AppRecord a;
        a.id = id;
        a.name = name;
        a.gitUrl = "file:///x";
        apps.create(a);
        return a;
    }
};

// A store with what the deploy engine reads and writes: apps, their state, env vars and deployments.
class DeployStoreTest : public AppStoreTest {
protected:
    using AppStoreTest::AppStoreTest;

    AppStateRepository appState{*store};
    EnvRepository env{*store, box};
    DeploymentRepository deployments{*store};
};

// A store with users, hashed at the cheapest Argon2id cost so that tests creating many stay fast.
class UserStoreTest : public StoreTest {
protected:
    PasswordHasher hasher{{64, 1, 1}};
    UserRepository users{*store, testSecretBox(), hasher};
};

}  // namespace rivetr::store::testing
