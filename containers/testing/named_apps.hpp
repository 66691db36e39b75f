// A test double for the app gateway: every object belongs to an app named "shop", and nothing asks it to act.
#pragma once

#include <string>

#include "containers/app_gateway.hpp"

namespace rivetr::containers::testing {

class NamedApps : public AppGateway {
public:
    std::string appName(const std::string&) override { return "shop"; }
    void act(const std::string&, AppVerb) override {}
};

}  // namespace rivetr::containers::testing
