// One deployment's log: lines go live to subscribers at once and to the store in batches.
#pragma once

#include <mutex>
#include <string>
#include <vector>

#include "engine/deployment_events.hpp"
#include "store/deployment_repository.hpp"

namespace rivetr::engine {

class DeployLog {
public:
    DeployLog(store::DeploymentRepository& repo, DeploymentEvents& events, std::string deploymentId, std::string appId);
    ~DeployLog();  // flushes
    DeployLog(const DeployLog&) = delete;
    DeployLog& operator=(const DeployLog&) = delete;

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
};

}  // namespace rivetr::engine
