// The typed errors every ContainerRuntime call throws, each carrying the engine's own message.
#include "runtime/runtime_error.hpp"

namespace rivetr::runtime {

std::string_view toString(ErrorKind kind) {
    switch (kind) {
        case ErrorKind::DaemonUnavailable: return "daemon_unavailable";
        case ErrorKind::Unsupported: return "unsupported";
        case ErrorKind::ImageNotFound: return "image_not_found";
        case ErrorKind::NotFound: return "not_found";
        case ErrorKind::PortInUse: return "port_in_use";
        case ErrorKind::NameConflict: return "name_conflict";
        case ErrorKind::Conflict: return "conflict";
        case ErrorKind::OutOfDisk: return "out_of_disk";
        case ErrorKind::BuildFailed: return "build_failed";
        case ErrorKind::Cancelled: return "cancelled";
        case ErrorKind::InvalidArgument: return "invalid_argument";
        case ErrorKind::EngineError: return "engine_error";
    }
    return "engine_error";
}

}  // namespace rivetr::runtime
