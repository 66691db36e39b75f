// One short-lived helper container over volumes: no network, capabilities dropped, read-only rootfs, small limits.
//
// Why these settings: the helper reads data Rivetr does not own (a database's files, secrets), so it gets
// nothing it does not need: no network (it cannot send what it reads anywhere), no capabilities unless a
// caller names one, a read-only root filesystem, no privilege gain through setuid files in the volume,
// and memory and process limits so a hostile volume (a directory of millions of entries) cannot hurt
// the host. Rivetr's own process never opens the engine's volume directories.
#include "volumes/helper_container.hpp"

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "core/log.hpp"

namespace rivetr::volumes {
namespace {

constexpr std::int64_t kMemoryBytes = 64 * 1024 * 1024;
constexpr std::int64_t kPids = 32;

nlohmann::json createBody(const HelperSpec& spec) {
    nlohmann::json mounts = nlohmann::json::array();
    for (const auto& m : spec.mounts) {
        mounts.push_back({{"Type", "volume"}, {"Source", m.volume}, {"Target", m.target}, {"ReadOnly", m.readOnly}});
    }
    nlohmann::json host = {{"NetworkMode", "none"},
                           {"CapDrop", {"ALL"}},
                           {"CapAdd", spec.capAdd},
                           {"ReadonlyRootfs", true},
                           {"Memory", kMemoryBytes},
                           {"MemorySwap", kMemoryBytes},
                           {"PidsLimit", kPids},
                           {"SecurityOpt", {"no-new-privileges"}},
                           {"Mounts", mounts},
                           {"LogConfig", {{"Type", "json-file"}, {"Config", nlohmann::json::object()}}}};
    nlohmann::json body = {{"Image", spec.image},
                           {"Labels", {{kHelperLabel, "true"}}},
                           {"NetworkDisabled", true},
                           {"User", "0:0"},
                           {"WorkingDir", "/"},
                           {"HostConfig", host}};
    // Never started without an argv; the image has no default command to fall back on.
    body["Entrypoint"] = spec.argv.empty() ? std::vector<std::string>{"/bin/busybox", "true"} : spec.argv;
    return body;
}

}  // namespace

HelperContainer::HelperContainer(std::shared_ptr<runtime::ContainerRuntime> rt, const HelperSpec& spec)
    : rt_(std::move(rt)), id_(rt_->createContainerFromJson("", createBody(spec))) {}

HelperContainer::~HelperContainer() {
    try {
        rt_->removeContainer(id_, {.force = true, .volumes = false});
    } catch (const std::exception& e) {
        log::warn("volumes.helper_remove_failed", {{"container", id_}, {"error", e.what()}});
    }
}

HelperRun HelperContainer::run(std::chrono::seconds deadline, std::size_t maxOut) {
    rt_->startContainer(id_);
    runtime::CancelToken cancel;
    std::mutex m;
    std::condition_variable cv;
    bool done = false;
    // The watchdog kills a helper that outlives its deadline; wait() then returns at once.
    std::thread watchdog([&] {
        std::unique_lock lock(m);
        if (cv.wait_for(lock, deadline, [&] { return done; })) return;
        lock.unlock();
        try {
            rt_->killContainer(id_);
        } catch (const std::exception&) {
        }
    });
    HelperRun result;
    try {
        result.exitCode = rt_->waitContainer(id_, cancel);
    } catch (...) {
        { std::lock_guard lock(m); done = true; }
        cv.notify_all();
        watchdog.join();
        throw;
    }
    { std::lock_guard lock(m); done = true; }
    cv.notify_all();
    watchdog.join();
    runtime::LogOptions o;
    rt_->logs(id_, o, [&](runtime::LogStream s, std::string_view d) {
        if (s == runtime::LogStream::Stderr) {
            if (result.err.size() < 4096) result.err.append(d.substr(0, 4096 - result.err.size()));
            return;
        }
        if (result.out.size() + d.size() > maxOut) {
            result.outTruncated = true;
            d = d.substr(0, maxOut - std::min(maxOut, result.out.size()));
        }
        result.out.append(d);
    });
    return result;
}

}  // namespace rivetr::volumes
