// What a Docker-manager route answers when the host or its engine says no: the engine's own words, the right status.
#pragma once

#include <string>

#include "api/http/reply.hpp"
#include "hosts/host_directory.hpp"
#include "runtime/runtime_error.hpp"

namespace rivetr::api {

// 404 image_not_found / not_found, 409 conflict (the engine's reason, e.g. the container using an
// image), 400 invalid naming `field`, 503 runtime_unavailable naming the host, 502 for the rest.
Reply engineFailure(const runtime::RuntimeError& e, const std::string& host, const std::string& field);

// Runs `f` (returning a Reply) and answers hosts::HostNotFound (404, field "host") and runtime::RuntimeError.
template <typename F>
Reply onHost(const std::string& host, const std::string& field, F f) {
    try {
        return f();
    } catch (const hosts::HostNotFound& e) {
        return Reply::error(404, "host_not_found", e.what(), "host");
    } catch (const runtime::RuntimeError& e) {
        return engineFailure(e, host, field);
    }
}

}  // namespace rivetr::api
