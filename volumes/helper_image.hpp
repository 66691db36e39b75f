// The image of the helper containers that read and write volumes: FROM scratch with busybox, built by Rivetr.
#pragma once

#include <filesystem>
#include <string>

#include "runtime/container_runtime.hpp"

namespace rivetr::volumes {

// Debian's busybox-static puts a statically linked busybox here (scripts/setup.sh installs it).
inline constexpr const char* kDefaultBusybox = "/bin/busybox";

// The helper image's reference on `rt`, built from `busybox` when the engine lacks it. Its tag carries
// the binary's SHA-256 prefix, so another busybox gets another image. Building needs no registry: the
// image is FROM scratch with one file. Throws ContentError(Unavailable) when `busybox` is missing.
std::string ensureHelperImage(runtime::ContainerRuntime& rt, const std::filesystem::path& busybox);

}  // namespace rivetr::volumes
