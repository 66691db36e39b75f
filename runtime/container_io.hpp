// The runtime seam's role of what runs inside a container: its output, its figures, commands run in it.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/cancel_token.hpp"
#include "runtime/runtime_types.hpp"
#include "runtime/tty_exec.hpp"

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

    // The interactive exec behind the terminal, in four steps the caller sequences: create it (stdin,
    // stdout and a TTY), attach (the engine starts it and hands over the raw stream), resize its TTY
    // (before the first output, and on every change), inspect it (running? pid? exit code?). The engine
    // has no call that ends an exec: the caller closes its input and signals it with another exec.
    virtual std::string createTtyExec(const std::string& containerId, const TtyExecSpec& spec) = 0;
    virtual ExecConnection attachTtyExec(const std::string& execId) = 0;
    virtual void resizeExec(const std::string& execId, unsigned cols, unsigned rows) = 0;
    virtual ExecState inspectExec(const std::string& execId) = 0;

    // The engine's archive API, on a container that need not run (a created one mounts its volumes for
    // it): `path` as an uncompressed tar streamed to `onData` (a symlink there is archived, not followed),
    // and a tar (pulled from `upload`, 0 = end) extracted into the directory `path`, owners and modes as
    // the tar says. What a volume mounted at `path` holds is read or written without Rivetr's process
    // touching the engine's volume directories.
    using ArchiveSink = std::function<void(std::string_view)>;
    using ArchiveSource = std::function<std::size_t(char* out, std::size_t max)>;
    virtual void getArchive(const std::string& id, const std::string& path, const ArchiveSink& onData,
                            const CancelToken& cancel) = 0;
    virtual void putArchive(const std::string& id, const std::string& path, const ArchiveSource& upload,
                            const CancelToken& cancel) = 0;
};

}  // namespace rivetr::runtime
