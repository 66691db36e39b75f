// The image of the helper containers that read and write volumes: FROM scratch with busybox, built by Rivetr.
#include "volumes/helper_image.hpp"

#include <fstream>

#include "core/crypto.hpp"
#include "core/ids.hpp"
#include "core/text.hpp"
#include "runtime/runtime_error.hpp"
#include "volumes/content_error.hpp"

namespace rivetr::volumes {
namespace {

// A build context of two files in a private temporary directory, removed whatever happens.
struct BuildDir {
    std::filesystem::path path;
    BuildDir() : path(std::filesystem::temp_directory_path() / ("rivetr-helper-" + newId("build"))) {
        std::filesystem::create_directories(path);
        std::filesystem::permissions(path, std::filesystem::perms::owner_all);
    }
    ~BuildDir() {
        std::error_code ec;
        std::filesystem::remove_all(path, ec);
    }
};

}  // namespace

std::string ensureHelperImage(runtime::ContainerRuntime& rt, const std::filesystem::path& busybox) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(busybox, ec)) {
        throw ContentError(ContentErrorKind::Unavailable,
                           "the volume helper needs a static busybox at " + busybox.string() +
                               " (Debian: apt-get install busybox-static)");
    }
    std::string binary = readWholeFile(busybox).value_or("");
    std::string ref = "rivetr-volume-helper:" + crypto::sha256Hex(binary).substr(0, 16);
    try {
        rt.inspectImage(ref);
        return ref;
    } catch (const runtime::RuntimeError& e) {
        if (e.kind() != runtime::ErrorKind::ImageNotFound && e.kind() != runtime::ErrorKind::NotFound) throw;
    }
    BuildDir dir;
    std::filesystem::copy_file(busybox, dir.path / "busybox");
    std::ofstream(dir.path / "Dockerfile") << "FROM scratch\nCOPY busybox /bin/busybox\n";
    runtime::BuildRequest b;
    b.contextDir = dir.path;
    b.tags = {ref};
    b.labels = {{"rivetr.volume-helper", "true"}};
    rt.build(b);
    return ref;
}

}  // namespace rivetr::volumes
