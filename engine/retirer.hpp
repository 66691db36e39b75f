// Stops and removes replaced containers in the background, only after the proxy drained them.
#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "core/non_copyable.hpp"
#include "runtime/container_runtime.hpp"

namespace rivetr::engine {

class Retirer : NonCopyable {
public:
    using RuntimeGetter = std::function<std::shared_ptr<runtime::ContainerRuntime>()>;
    Retirer(RuntimeGetter runtime, std::chrono::seconds stopGrace);
    // Abandons what is still waiting: containers left running are removed by the next
    // start's reconcile, so shutdown never kills a live version.
    ~Retirer();

    void retire(std::string containerId, std::shared_future<void> drained);
    // Blocks until everything handed in so far is retired (tests, benchmarks).
    void waitIdle();

private:
    struct Task {
        std::string containerId;
        std::shared_future<void> drained;
    };
    void loop();
    RuntimeGetter runtime_;
    std::chrono::seconds grace_;
    std::mutex mutex_;
    std::condition_variable wake_, idle_;
    std::deque<Task> tasks_;
    bool busy_ = false;
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace rivetr::engine
