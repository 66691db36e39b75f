// One deployment's log: lines reach the store in batches (≤ 250 ms apart) and are announced once stored.
#pragma once

#include <condition_variable>
#include <mutex>
#include <thread>
#include <string>
#include <vector>

#include "core/non_copyable.hpp"
#include "engine/deployment_events.hpp"
#include "store/deployment_repository.hpp"

namespace rivetr::engine {

// A line of tool output as it is shown: without ANSI colour codes and carriage returns, at most
// 8 KiB, URL credentials redacted.
std::string cleanLogText(std::string_view raw);

class DeployLog : NonCopyable {
public:
    DeployLog(store::DeploymentRepository& repo, DeploymentEvents& events, std::string deploymentId, std::string appId);
    ~DeployLog();  // flushes

    // Splits multi-line text; strips carriage returns and ANSI colour codes the tools emit.
    void write(const std::string& stream, std::string_view text);
    void note(std::string_view text) { write("system", text); }  // a line from Rivetr itself
    // Writes what is pending in one transaction; called at every stage change and at the end.
    void flush();
    // The last `n` lines written (for error messages).
    std::vector<std::string> tail(std::size_t n) const;

private:
    void addLine(const std::string& stream, std::string line);
    store::DeploymentRepository& repo_;
    DeploymentEvents& events_;
    std::string deploymentId_, appId_;
    mutable std::mutex mutex_;
    std::vector<store::LogLine> pending_;
    std::vector<std::string> recent_;
    std::int64_t lastFlushMs_ = 0;
    std::mutex flushMutex_;  // batches reach the store in the order they were cut
    std::condition_variable_any wake_;
    // Stores a quiet tail within ~250 ms: "RUN sleep 30" must not wait for the next line to show.
    // Last member, so it stops before the rest is destroyed.
    std::jthread flusher_;
};

}  // namespace rivetr::engine
