// Every mutating handler's one call once it succeeded: the action, its target and the actor who asked.
#include "api/http/audit_trail.hpp"

namespace rivetr::api {

void AuditTrail::record(const RequestContext& ctx, const std::string& action, const std::string& targetType,
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
    log_.append(e);
}

}  // namespace rivetr::api
