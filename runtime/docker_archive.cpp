// The Docker adapter's archive calls: a container's files as a tar stream, and a tar extracted into it.
#include "core/percent_encoding.hpp"
#include "runtime/docker_runtime.hpp"

namespace rivetr::runtime {

void DockerRuntime::getArchive(const std::string& id, const std::string& path, const ArchiveSink& onData,
                               const CancelToken& cancel) {
    HttpReply r = client_.stream("GET", containerPath(id, "archive") + "?path=" + percentEncode(path), std::nullopt,
                                 nullptr, "application/json", onData, cancel);
    DockerClient::check(r, ObjectKind::Container);
}

void DockerRuntime::putArchive(const std::string& id, const std::string& path, const ArchiveSource& upload,
                               const CancelToken& cancel) {
    // noOverwriteDirNonDir: an entry never replaces a directory by a file or the other way round.
    DockerClient::Upload body = upload;
    HttpReply r = client_.stream("PUT", containerPath(id, "archive") + "?noOverwriteDirNonDir=true&path=" +
                                            percentEncode(path),
                                 std::nullopt, &body, "application/x-tar", [](std::string_view) {}, cancel);
    DockerClient::check(r, ObjectKind::Container);
}

}  // namespace rivetr::runtime
