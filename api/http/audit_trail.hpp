// Every mutating handler's one call once it succeeded: the action, its target and the actor who asked.
#pragma once

#include <nlohmann/json.hpp>

#include <string>

#include "api/http/route.hpp"
#include "store/audit_repository.hpp"

namespace rivetr::api {

class AuditTrail {
public:
    explicit AuditTrail(store::AuditRepository& log) : log_(log) {}

    // The actor, request id and client address come from the request's context ("system" without a principal).
    void record(const RequestContext& ctx, const std::string& action, const std::string& targetType,
                const std::string& targetId, const nlohmann::json& details = nlohmann::json::object());

private:
    store::AuditRepository& log_;
};

}  // namespace rivetr::api
