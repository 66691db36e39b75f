// What the network routes work with: the network manager (over the hosts' engines and the apps) and the audit trail.
#pragma once

#include "api/http/audit_trail.hpp"
#include "networks/network_manager.hpp"

namespace rivetr::api {

struct NetworksDeps {
    networks::NetworkManager manager;
    AuditTrail& trail;
};

}  // namespace rivetr::api
