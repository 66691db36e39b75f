// A yes/no query parameter (?redeploy=true, ?latest_per_app=1) read one way everywhere.
#include "api/http/query_flag.hpp"

#include "api/http/api_errors.hpp"

namespace rivetr::api {

bool queryFlag(const Pistache::Rest::Request& req, const std::string& name) {
    auto v = req.query().get(name);
    if (!v || *v == "0" || *v == "false") return false;
    if (*v == "1" || *v == "true") return true;
    throw ValidationError(name, "must be 1, true, 0 or false");
}

}  // namespace rivetr::api
