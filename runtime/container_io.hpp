// The runtime seam's role of what runs inside a container: its output, its figures, commands run in it.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "runtime/cancel_token.hpp"
#include "runtime/runtime_types.hpp"

namespace rivetr::runtime {

class ContainerIo {
public:
    virtual ~ContainerIo() = default;

    // stdout and stderr told apart (TTY containers: everything is Stdout). With follow, blocks until
    // the container stops or `options.cancel`.
    virtual void logs(const std::string& id, const LogOptions& options, const LogSink& sink) = 0;
    virtual Stats stats(const std::string& id) = 0;
    virtual void streamStats(const std::string& id, const std::function<void(const Stats&)>& onStats,
                             const CancelToken& cancel) = 0;
    // The processes running in the container (`docker top`); `psArgs` empty: the engine's default.
    virtual ProcessList top(const std::string& id, const std::string& psArgs = "") = 0;
    virtual ExecResult exec(const std::string& id, const std::vector<std::string>& argv,
                            const ExecOptions& options = {}) = 0;
};

}  // namespace rivetr::runtime
