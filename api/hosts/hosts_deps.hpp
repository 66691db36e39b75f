// What the hosts routes need: the directory every engine is reached through, the registry that manages remote hosts, the audit trail.
#pragma once

#include "api/http/audit_trail.hpp"
#include "hosts/host_directory.hpp"
#include "hosts/registry_host_directory.hpp"

namespace rivetr::api {

struct HostsDeps {
    hosts::HostDirectory& directory;
    // Adds, changes, removes and tests remote hosts; null in a server with only its local engine
    // (route tests without a data dir), where those routes answer 503.
    hosts::RegistryHostDirectory* registry;
    AuditTrail& trail;
};

}  // namespace rivetr::api
