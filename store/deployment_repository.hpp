// Deployments and their logs: every status change is written (with its time) before its side effect.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "store/deployment_status.hpp"
#include "store/store.hpp"

namespace rivetr::store {

struct DeploymentRecord {
    std::string id;
    std::string appId;
    std::string status = "pending";
    std::string trigger = "manual";  // manual | api | webhook | rollback | redeploy
    std::optional<std::string> requestedCommit;
    std::optional<std::string> commitSha, commitMessage, commitAuthor;
    std::optional<std::string> image, containerId;
    std::optional<std::string> rollbackOf;
    std::optional<std::string> error;
    std::int64_t createdAt = 0;
    std::optional<std::int64_t> startedAt, finishedAt;
    std::int64_t statusChangedAt = 0;
    // EnvRepository::digest of the variables its container started with; unset before it started.
    std::optional<std::string> envDigest;
};

struct LogLine {
    std::int64_t id = 0;
    std::int64_t ts = 0;
    std::string stream;  // build | system | runtime
    std::string line;
};

class DeploymentRepository {
public:
    explicit DeploymentRepository(Store& store) : store_(store) {}

    void create(const DeploymentRecord& d);
    std::optional<DeploymentRecord> get(const std::string& id);
    std::vector<DeploymentRecord> listForApp(const std::string& appId, int limit = 50);
    // The newest deployments across all apps, newest first (the overview's "recent deployments").
    std::vector<DeploymentRecord> recent(int limit);
    // The newest deployment of every app that has one, in one query: a list of 1,000 apps needs
    // their statuses without 1,000 requests.
    std::vector<DeploymentRecord> latestPerApp();
    // Log retention: drops the log lines of all but the newest `keepDeployments` deployments of
    // the app (the deployments themselves stay). Returns how many lines went.
    std::int64_t pruneLogs(const std::string& appId, int keepDeployments);
    // Deployments not yet in a terminal status (for reconcile-on-start).
    std::vector<DeploymentRecord> unfinished();

    // Moves to `status`; terminal statuses also set finished_at and `error`. Returns false (and
    // changes nothing) when the deployment is already terminal: a late writer never resurrects it.
    bool transition(const std::string& id, const std::string& status, const std::optional<std::string>& error = {});
    void setCommit(const std::string& id, const std::string& sha, const std::string& message, const std::string& author);
    void setImage(const std::string& id, const std::string& image);
    void setContainer(const std::string& id, const std::optional<std::string>& containerId);
    void setEnvDigest(const std::string& id, const std::string& digest);
    // A redeploy that waited behind a deployment runs the image that went live meanwhile.
    void setSource(const std::string& id, const std::string& rollbackOf, const std::string& image);

    // How many deployments are in each status (for /metrics).
    std::map<std::string, std::int64_t> countByStatus();

    // One transaction for the whole batch: logs are written many lines at a time.
    void appendLogs(const std::string& deploymentId, const std::vector<LogLine>& lines);
    std::vector<LogLine> logs(const std::string& deploymentId, std::int64_t afterId = 0, int limit = 10000);

private:
    Store& store_;
};


}  // namespace rivetr::store
