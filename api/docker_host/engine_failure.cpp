// What a Docker-manager route answers when the host or its engine says no: the engine's own words, the right status.
#include "api/docker_host/engine_failure.hpp"

#include "api/docker_host/host_query.hpp"

namespace rivetr::api {

Reply engineFailure(const runtime::RuntimeError& e, const std::string& host, const std::string& field) {
    using runtime::ErrorKind;
    const std::string& said = e.daemonMessage();
    switch (e.kind()) {
        case ErrorKind::ImageNotFound: return Reply::error(404, "image_not_found", said, field);
        case ErrorKind::NotFound: return Reply::error(404, "not_found", said, field);
        case ErrorKind::Conflict:
        case ErrorKind::NameConflict: return Reply::error(409, "conflict", said, field);
        case ErrorKind::InvalidArgument: return Reply::error(400, "invalid", said, field);
        case ErrorKind::DaemonUnavailable:
            return Reply::error(503, "runtime_unavailable", "the engine of host '" + hostLabel(host) + "' is unreachable: " + said);
        default: return Reply::error(502, "runtime_error", said);
    }
}

}  // namespace rivetr::api
