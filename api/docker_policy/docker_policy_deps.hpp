// What the Docker policy routes need: the admin-managed policy and the audit trail.
#pragma once

#include "api/http/audit_trail.hpp"
#include "containers/docker_policy.hpp"

namespace rivetr::api {

struct DockerPolicyDeps {
    containers::DockerPolicyStore& policy;
    AuditTrail& trail;
};

}  // namespace rivetr::api
