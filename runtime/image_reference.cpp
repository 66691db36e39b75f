// An image reference to pull ("repo[:tag]" / "repo@sha256:..."), split and checked before anything reaches an engine.
#include "runtime/image_reference.hpp"

#include "runtime/docker_json.hpp"
#include "runtime/runtime_error.hpp"

namespace rivetr::runtime {
namespace {

PullReference split(const std::string& image) {
    auto at = image.find('@');
    if (at != std::string::npos) return {image.substr(0, at), image.substr(at + 1)};
    auto colon = image.rfind(':');
    auto slash = image.rfind('/');
    if (colon != std::string::npos && (slash == std::string::npos || colon > slash))
        return {image.substr(0, colon), image.substr(colon + 1)};
    return {image, "latest"};
}

// A repository holds a colon only before its registry's port number, in its first component.
bool validRepository(const std::string& repo) {
    auto colon = repo.find(':');
    if (colon == std::string::npos) return !repo.empty();
    auto slash = repo.find('/');
    if (slash == std::string::npos || colon > slash || repo.find(':', colon + 1) != std::string::npos) return false;
    auto port = std::string_view(repo).substr(colon + 1, slash - colon - 1);
    return !port.empty() && port.find_first_not_of("0123456789") == std::string_view::npos;
}

}  // namespace

PullReference parsePullReference(const std::string& image) {
    checkedImageRef(image);
    PullReference r = split(image);
    bool tagOk = !r.tag.empty() && r.tag.size() <= 128 && (r.byDigest() || r.tag.find_first_of("@:/") == std::string::npos);
    if (!validRepository(r.repository) || !tagOk)
        throw RuntimeError(ErrorKind::InvalidArgument, "invalid image reference: '" + image + "'");
    return r;
}

}  // namespace rivetr::runtime
