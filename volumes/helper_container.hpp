// One short-lived helper container over volumes: no network, capabilities dropped, read-only rootfs, small limits.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "runtime/container_runtime.hpp"

namespace rivetr::volumes {

struct HelperMount {
    std::string volume;
    std::string target;  // "/v", "/aside"
    bool readOnly = true;
};

struct HelperSpec {
    std::string image;
    std::vector<HelperMount> mounts;
    std::vector<std::string> argv;     // empty: never started (the archive API works on a created container)
    std::vector<std::string> capAdd;   // on top of nothing: every capability is dropped first
};

struct HelperRun {
    int exitCode = 0;
    std::string out, err;
    bool outTruncated = false;  // stdout passed its cap; `out` holds the start
};

// Created on construction, removed (forced) on destruction, whatever happened in between.
class HelperContainer {
public:
    HelperContainer(std::shared_ptr<runtime::ContainerRuntime> rt, const HelperSpec& spec);
    ~HelperContainer();
    HelperContainer(const HelperContainer&) = delete;
    HelperContainer& operator=(const HelperContainer&) = delete;

    const std::string& id() const { return id_; }
    runtime::ContainerRuntime& runtime() { return *rt_; }
    // Starts the argv, waits at most `deadline` (then kills it: exit code 137), collects its output
    // (stdout up to `maxOut` bytes).
    HelperRun run(std::chrono::seconds deadline, std::size_t maxOut);

private:
    std::shared_ptr<runtime::ContainerRuntime> rt_;
    std::string id_;
};

// The label every helper carries, so a crash's leftovers can be found (docker ps -f label=...).
inline constexpr const char* kHelperLabel = "rivetr.volume-helper";

}  // namespace rivetr::volumes
