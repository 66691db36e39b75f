// Owning handles for libgit2 objects, and the translation of libgit2 failures into SourceError.
#include "core/git/git_handles.hpp"
#include "core/git/remote_session.hpp"

#include <cerrno>
#include <cstring>

#include "core/file_write.hpp"

namespace rivetr::git {
namespace {

bool contains(const std::string& text, const char* needle) { return text.find(needle) != std::string::npos; }

}  // namespace

// Status codes are matched in libgit2's own phrasing only ("unexpected http status code: 404"): the
// message also carries the URL, and a bare "401" matched a random temp directory name or port
// (34015) now and then, filing a refused connection as an authentication failure.
SourceErrorKind classifyGitError(int rc, const std::string& message) {
    if (rc == GIT_EAUTH || contains(message, "authentication") || contains(message, "status code: 401"))
        return SourceErrorKind::AuthFailed;
    if (rc == GIT_EUSER) return SourceErrorKind::Cancelled;
    if (rc == GIT_ECERTIFICATE || contains(message, "certificate"))
        return SourceErrorKind::Unreachable;  // the server is not the one we can trust
    if (contains(message, "cannot connect") || contains(message, "cannot resolve") ||
        contains(message, "failed to resolve") || contains(message, "failed to connect") ||
        contains(message, "could not find repository") || contains(message, "not a valid repository") ||
        contains(message, "status code: 404") || contains(message, "not found") || contains(message, "unsupported URL protocol") ||
        contains(message, "early EOF") || contains(message, "unexpected http status"))
        return SourceErrorKind::Unreachable;
    return SourceErrorKind::Failed;
}

const char* kindName(SourceErrorKind kind) {
    switch (kind) {
        case SourceErrorKind::InvalidInput: return "invalid_input";
        case SourceErrorKind::Unreachable: return "unreachable";
        case SourceErrorKind::RefNotFound: return "ref_not_found";
        case SourceErrorKind::AuthFailed: return "auth_failed";
        case SourceErrorKind::UnsupportedKey: return "unsupported_key";
        case SourceErrorKind::HostKeyMismatch: return "host_key_mismatch";
        case SourceErrorKind::Cancelled: return "cancelled";
        case SourceErrorKind::TimedOut: return "timed_out";
        case SourceErrorKind::Failed: return "failed";
    }
    return "failed";
}

void throwGitError(int rc, const std::string& what, const RemoteSession* session,
                   const std::filesystem::path* writingTo) {
    if (session) {
        if (auto reason = session->guard().stopReason()) throw *reason;
        if (session->failure()) throw *session->failure();
    }
    const git_error* e = git_error_last();
    std::string message = e && e->message ? e->message : "unknown libgit2 error";
    // libgit2 reports a failed write as its own text followed by strerror(errno).
    for (int err : {ENOSPC, EDQUOT}) {
        if (writingTo && contains(message, std::strerror(err)))
            throw SourceError(SourceErrorKind::Failed, what + ": " + describeWriteError(err, *writingTo));
    }
    auto kind = classifyGitError(rc, message);
    throw SourceError(kind, what + ": " + message);
}

}  // namespace rivetr::git
