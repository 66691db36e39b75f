// What the stack routes work with: the stack service and the audit trail.
#pragma once

#include <memory>

#include "api/http/audit_trail.hpp"
#include "stacks/stack_service.hpp"

namespace rivetr::api {

struct StacksDeps {
    std::shared_ptr<stacks::StackService> service;
    AuditTrail& trail;
};

}  // namespace rivetr::api
