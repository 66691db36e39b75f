// What the Docker manager's container routes work with: the manager (over the host directory) and the audit trail.
#pragma once

#include <memory>

#include "api/http/audit_trail.hpp"
#include "containers/container_manager.hpp"
#include "hosts/host_directory.hpp"

namespace rivetr::api {

struct ContainersDeps {
    std::shared_ptr<hosts::HostDirectory> hosts;
    std::shared_ptr<containers::AppGateway> apps;  // null without an engine: apps' containers are refused
    containers::ContainerManager manager;           // over *hosts and apps.get()
    AuditTrail& trail;
    bool terminalEnabled = false;  // a terminal service runs and [docker] terminal_enabled: the detail says so to the dashboard
};

}  // namespace rivetr::api
