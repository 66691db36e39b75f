// What the route handlers work with: the store's repositories and the audit trail, built once at start.
#include "api/api_context.hpp"

namespace rivetr::api {

void ApiContext::record(const RequestContext& ctx, const std::string& action, const std::string& targetType,
                        const std::string& targetId, const nlohmann::json& details) {
    store::AuditEntry e;
    e.actorType = ctx.principal ? ctx.principal->actorType : "system";
    e.actor = ctx.principal ? ctx.principal->name : "system";
    e.action = action;
    e.targetType = targetType;
    e.targetId = targetId;
    e.details = details.dump();
    e.requestId = ctx.requestId;
    e.ip = ctx.clientIp;
    audit.append(e);
}

}  // namespace rivetr::api
