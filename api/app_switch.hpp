// The data-plane seam of start/stop/restart: park an app's domains (503) or point them at its container.
#pragma once

#include <string>

#include "store/app_repository.hpp"

namespace rivetr::api {

class AppSwitch {
public:
    virtual ~AppSwitch() = default;
    // The app's domains answer 503 "no healthy instance" (not 502 from a dead upstream). Returns
    // once requests already running on the old target have drained.
    virtual void park(const store::AppRecord& app) = 0;
    // The app's domains reach host:port again.
    virtual void route(const store::AppRecord& app, const std::string& host, int port) = 0;
};

}  // namespace rivetr::api
