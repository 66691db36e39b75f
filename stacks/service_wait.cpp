// Polling inspect rather than following events: a wait is one container for seconds, and a poll cannot miss a transition that happened before it began.
#include "stacks/service_wait.hpp"

#include <thread>

#include "runtime/runtime_error.hpp"

namespace rivetr::stacks {
namespace {

enum class Verdict { Wait, Met };

Verdict judge(const runtime::ContainerState& s, const std::string& service, DependencyCondition condition) {
    bool exited = s.status == "exited" || s.status == "dead";
    switch (condition) {
        case DependencyCondition::Started:
            if (s.running || (exited && s.exitCode == 0)) return Verdict::Met;
            if (exited) throw DependencyFailed("service \"" + service + "\" exited with code " + std::to_string(s.exitCode));
            return Verdict::Wait;
        case DependencyCondition::Healthy:
            if (s.running && s.health == "healthy") return Verdict::Met;
            if (s.health == "unhealthy") throw DependencyFailed("service \"" + service + "\" is unhealthy");
            if (exited) throw DependencyFailed("service \"" + service + "\" exited with code " + std::to_string(s.exitCode) + " before it was healthy");
            return Verdict::Wait;
        case DependencyCondition::CompletedSuccessfully:
            if (exited && s.exitCode == 0) return Verdict::Met;
            if (exited) throw DependencyFailed("service \"" + service + "\" did not complete successfully: exit code " + std::to_string(s.exitCode));
            return Verdict::Wait;
    }
    return Verdict::Wait;
}

const char* waitedFor(DependencyCondition c) {
    switch (c) {
        case DependencyCondition::Started: return "to start";
        case DependencyCondition::Healthy: return "to be healthy";
        case DependencyCondition::CompletedSuccessfully: return "to complete";
    }
    return "";
}

}  // namespace

void waitForCondition(runtime::ContainerLifecycle& engine, const std::string& containerId, const std::string& service,
                      DependencyCondition condition, std::chrono::milliseconds timeout, const runtime::CancelToken& cancel) {
    auto start = std::chrono::steady_clock::now();
    for (int polls = 0;; ++polls) {
        if (cancel.cancelled()) throw runtime::RuntimeError(runtime::ErrorKind::Cancelled, "the deploy was cancelled");
        if (judge(engine.inspectContainer(containerId).state, service, condition) == Verdict::Met) return;
        if (std::chrono::steady_clock::now() - start >= timeout)
            throw DependencyFailed("service \"" + service + "\" did not become ready (" + waitedFor(condition) + ") within " +
                                   std::to_string(timeout.count() / 1000) + " s");
        std::this_thread::sleep_for(std::chrono::milliseconds(polls < 10 ? 100 : 250));
    }
}

}  // namespace rivetr::stacks
