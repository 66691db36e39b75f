// Test helper: runs a fixed busybox script over a volume in Rivetr's helper image, and lists a volume
// whole (types, modes, sizes, owners, link targets, checksums) to compare two volumes.
#pragma once

#include <gtest/gtest.h>

#include <atomic>
#include <string>

#include "core/ids.hpp"
#include "runtime/container_runtime.hpp"
#include "volumes/helper_container.hpp"
#include "volumes/helper_image.hpp"

namespace rivetr::volumes::testing {

// The script's stdout; the volume is mounted read-write at /v. `labels` mark the container for clean-up.
inline std::string runInVolume(runtime::ContainerRuntime& rt, const std::string& volume, const std::string& script,
                               const runtime::Labels& labels = {}) {
    runtime::ContainerSpec s;
    s.name = "rivetr-test-vsh-" + newId("c").substr(2);
    s.image = ensureHelperImage(rt, kDefaultBusybox);
    s.entrypoint = {"/bin/busybox", "sh", "-c", script};
    s.mounts = {{volume, "/v", false}};
    s.labels = labels;
    s.init = false;
    auto id = rt.runContainer(s);
    EXPECT_EQ(rt.waitContainer(id, {}), 0);
    std::string out;
    rt.logs(id, {}, [&](runtime::LogStream st, std::string_view d) {
        if (st == runtime::LogStream::Stdout) out.append(d);
    });
    rt.removeContainer(id, {.force = true});
    return out;
}

// How many of Rivetr's helper containers (running or not) mount `volume`. Scoped to one volume so a test
// can say "nothing of mine is left" while other tests' helpers come and go on the same engine.
inline std::size_t helpersMounting(runtime::ContainerRuntime& rt, const std::string& volume) {
    std::size_t n = 0;
    for (const auto& c : rt.listContainers({{kHelperLabel, "true"}})) {
        for (const auto& m : c.mounts) n += m.type == "volume" && m.name == volume ? 1 : 0;
    }
    return n;
}

// Every entry with its type, mode, size, owner and link target, then every file's checksum.
inline std::string volumeListing(runtime::ContainerRuntime& rt, const std::string& volume) {
    return runInVolume(rt, volume,
                       "cd /v && /bin/busybox find . | /bin/busybox sort | while read f; do "
                       "/bin/busybox stat -c '%n %f %s %u %g %N' \"$f\"; done; "
                       "/bin/busybox find . -type f | /bin/busybox sort | /bin/busybox xargs /bin/busybox md5sum");
}

}  // namespace rivetr::volumes::testing
