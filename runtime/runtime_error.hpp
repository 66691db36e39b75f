// The typed errors every ContainerRuntime call throws, each carrying the engine's own message.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

namespace rivetr::runtime {

enum class ErrorKind {
    DaemonUnavailable,  // no engine answers on the socket (or it timed out on a control call)
    Unsupported,        // the engine is too old (API < 1.41) or lacks the feature
    ImageNotFound,
    NotFound,           // container, volume, network or exec not found
    PortInUse,          // a published host port is taken
    NameConflict,       // a container/network/volume with that name exists
    Conflict,           // other state conflicts (removing a running container, image in use)
    OutOfDisk,
    BuildFailed,        // the build stream carried {"error":...} or the daemon refused the build
    Cancelled,          // a CancelToken ended the call
    InvalidArgument,    // rejected before reaching the engine, or a 400 from it
    EngineError,        // any other engine failure
};

std::string_view toString(ErrorKind kind);

class RuntimeError : public std::runtime_error {
public:
    RuntimeError(ErrorKind kind, std::string message, int httpStatus = 0)
        : std::runtime_error(std::string(toString(kind)) + ": " + message),
          kind_(kind),
          daemonMessage_(std::move(message)),
          httpStatus_(httpStatus) {}
    ErrorKind kind() const { return kind_; }
    // The engine's message verbatim (or ours when the engine was never reached).
    const std::string& daemonMessage() const { return daemonMessage_; }
    int httpStatus() const { return httpStatus_; }

private:
    ErrorKind kind_;
    std::string daemonMessage_;
    int httpStatus_;
};

}  // namespace rivetr::runtime
