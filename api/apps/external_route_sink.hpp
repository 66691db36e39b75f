// Where a stored external-route change goes live: the proxy, wired in by `rivetr serve`.
#pragma once

#include <functional>
#include <string>

#include "store/external_route_repository.hpp"

namespace rivetr::api {

// Called after the store write succeeded, so the store stays the truth a restart rebuilds from.
// Empty functions (tests of the API alone) only store.
struct ExternalRouteSink {
    std::function<void(const store::ExternalRouteRecord&)> apply;
    std::function<void(const std::string& domain)> remove;
};

}  // namespace rivetr::api
