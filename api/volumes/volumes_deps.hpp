// What the volume routes work with: the hosts' engines (through the volume manager) and the audit trail.
#pragma once

#include "api/http/audit_trail.hpp"
#include "volumes/volume_manager.hpp"

namespace rivetr::api {

struct VolumesDeps {
    volumes::VolumeManager manager;  // over the host directory, the create policy and the apps' names
    AuditTrail& trail;
};

}  // namespace rivetr::api
