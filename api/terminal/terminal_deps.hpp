// What the terminal route works with: the engines, the running terminals, the origins a browser may open one from.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "hosts/host_directory.hpp"
#include "terminal/terminal_service.hpp"

namespace rivetr::api {

struct TerminalDeps {
    std::shared_ptr<hosts::HostDirectory> hosts;
    // Null (tests of the API alone, or a server that did not start one): every request is a 403.
    std::shared_ptr<terminal::TerminalService> terminals;
    // Besides the request's own origin: e.g. the configured public URL's (terminal/origin_check.hpp).
    std::vector<std::string> alsoAllowedOrigins;
};

}  // namespace rivetr::api
