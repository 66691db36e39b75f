// A yes/no query parameter (?redeploy=true, ?latest_per_app=1) read one way everywhere.
#pragma once

#include <pistache/router.h>

#include <string>

namespace rivetr::api {

// true for 1/true, false for 0/false or when absent; anything else is a ValidationError on `name`.
bool queryFlag(const Pistache::Rest::Request& req, const std::string& name);

}  // namespace rivetr::api
