// The one error the Docker manager's container operations throw, and how an engine's refusal becomes one.
#include "containers/container_error.hpp"

namespace rivetr::containers {

void invalidField(const std::string& field, const std::string& message) {
    throw ContainerError(400, "invalid_container_config", message, field);
}

ContainerError fromRuntime(const runtime::RuntimeError& e) {
    using runtime::ErrorKind;
    const std::string& msg = e.daemonMessage();
    switch (e.kind()) {
        case ErrorKind::NotFound: return {404, "container_not_found", msg};
        case ErrorKind::ImageNotFound: return {404, "image_not_found", msg, "image"};
        case ErrorKind::NameConflict: return {409, "name_conflict", msg, "name"};
        case ErrorKind::PortInUse: return {409, "port_in_use", msg, "ports"};
        case ErrorKind::Conflict: return {409, "invalid_state", msg};
        case ErrorKind::InvalidArgument: return {400, "invalid_container_config", msg};
        case ErrorKind::DaemonUnavailable: return {503, "engine_unavailable", msg};
        case ErrorKind::Unsupported: return {501, "unsupported", msg};
        default: break;
    }
    // Docker 20.10 answers some state refusals with 500 ("is not running", "is already paused").
    if (msg.find("is not running") != std::string::npos || msg.find("is not paused") != std::string::npos ||
        msg.find("is already paused") != std::string::npos || msg.find("is paused") != std::string::npos)
        return {409, "invalid_state", msg};
    return {502, "engine_error", msg};
}

}  // namespace rivetr::containers
