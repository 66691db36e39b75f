// What the image routes work with: the hosts' engines (through the image manager), the audit trail, registry credentials.
#pragma once

#include <functional>
#include <string>

#include "api/http/audit_trail.hpp"
#include "hosts/host_directory.hpp"
#include "images/image_manager.hpp"

namespace rivetr::api {

struct ImagesDeps {
    hosts::HostDirectory& hosts;
    images::ImageManager manager{hosts};
    AuditTrail& trail;
    // The X-Registry-Auth value for pulling `reference` ("repo:tag"), built server-side per request;
    // empty: anonymous. Unset until the registries feature stores credentials; never logged or answered.
    std::function<std::string(const std::string& reference)> registryAuthFor;
};

}  // namespace rivetr::api
