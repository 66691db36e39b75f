// External routes in the store: a domain the proxy forwards to a host:port Rivetr does not run.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "store/store.hpp"

namespace rivetr::store {

struct ExternalRouteRecord {
    std::string domain;    // lower-case; "*.example.com" allowed
    std::string upstream;  // "host:port"
    bool tls = false;      // certificate + HTTP→HTTPS redirect
    std::int64_t createdAt = 0;
    std::int64_t updatedAt = 0;
};

class ExternalRouteRepository {
public:
    explicit ExternalRouteRepository(Store& store) : store_(store) {}

    // Creates or replaces the route of `domain`. ConflictError("domain") when an app owns it.
    void put(const ExternalRouteRecord& route);
    std::optional<ExternalRouteRecord> find(const std::string& domain);
    std::vector<ExternalRouteRecord> list();
    bool remove(const std::string& domain);

private:
    Store& store_;
};

}  // namespace rivetr::store
