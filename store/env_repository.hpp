// An app's environment variables, every value encrypted at rest and bound to its app and key.
#pragma once

#include <string>
#include <vector>

#include "store/records.hpp"
#include "store/secret_box.hpp"
#include "store/store.hpp"

namespace rivetr::store {

class EnvRepository {
public:
    EnvRepository(Store& store, SecretBox box) : store_(store), box_(box) {}

    std::vector<EnvVar> list(const std::string& appId);
    // Bulk PUT semantics: afterwards the app has exactly `vars` (one transaction).
    void replaceAll(const std::string& appId, const std::vector<EnvVar>& vars);
    void set(const std::string& appId, const EnvVar& var);
    bool remove(const std::string& appId, const std::string& key);
    // What a container started with `vars` sees, as a keyed digest (SecretBox::digest): two lists
    // with the same keys and values give the same digest, whatever their flags, order or times.
    std::string digest(const std::string& appId, const std::vector<EnvVar>& vars) const;

private:
    Store& store_;
    SecretBox box_;
};

}  // namespace rivetr::store
