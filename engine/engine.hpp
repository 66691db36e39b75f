// The deploy engine's face: deploy, cancel, rollback, start/stop/restart, reconcile on start, watching what runs, and the live routes.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/non_copyable.hpp"
#include "engine/app_actions.hpp"
#include "engine/app_supervisor.hpp"
#include "engine/container_watcher.hpp"
#include "engine/deploy_queue.hpp"
#include "engine/pipeline.hpp"
#include "engine/repository_detector.hpp"
#include "engine/retirer.hpp"

namespace rivetr::engine {

// Why a redeploy cannot run (the API answers 409 with code() and what()): "no_live_deployment" or
// "image_removed".
class RedeployRefused : public std::runtime_error {
public:
    RedeployRefused(std::string code, const std::string& message) : std::runtime_error(message), code_(std::move(code)) {}
    const std::string& code() const { return code_; }

private:
    std::string code_;
};

struct DeployRequest {
    std::string trigger = "manual";  // manual | webhook | cli
    std::optional<std::string> commit;  // a SHA, tag or branch; default: the app's branch head
    // What the caller already knows of a full-SHA `commit` (a webhook's payload): the first line of
    // its message and its author, shown before the checkout confirms them.
    std::optional<std::string> commitMessage, commitAuthor;
};

class Engine : NonCopyable {
public:
    Engine(EngineDeps deps, EngineOptions options);
    ~Engine();

    // Resolves whatever a previous process left unfinished, re-routes the live versions and
    // removes orphaned containers. Call once, before the first deploy. Returns false when the
    // container engine was unreachable, so the routes still need restoreRoutes().
    bool reconcile();

    // Creates the deployment (pending) and queues it; returns its id. Throws std::invalid_argument
    // for an unknown app.
    std::string deploy(const std::string& appId, const DeployRequest& request);
    // A new deployment that runs the image of `deploymentId` again (no clone, no build).
    // Throws std::invalid_argument when that deployment has no image.
    std::string rollback(const std::string& deploymentId, const std::string& trigger = "manual");
    // A new release of the live deployment's image with the app's CURRENT environment and settings
    // (Heroku's release on config:set): no clone, no build; start, health gate, switch, retire like
    // any deployment, so a failing check keeps the old one live. Throws std::invalid_argument for an
    // unknown app, RedeployRefused when nothing is live or the live image is gone. `beforeQueue`
    // runs once the checks passed, before anything is created (the env PUT stores its variables
    // there, so a refused redeploy stores nothing); if it throws, nothing is queued.
    std::string redeploy(const std::string& appId, const std::function<void()>& beforeQueue = {});
    // false when the deployment is not pending or in progress.
    bool cancel(const std::string& deploymentId);
    // Queues a start, stop or restart of the app's live container. It runs in the app's turn, like
    // a deployment (never two jobs of one app at once, so it never acts on a container a switch is
    // retiring), under the starting stage's deadline, announced on events(). Throws
    // std::invalid_argument for an unknown app.
    ActionTicket act(const std::string& appId, AppAction action);

    // Follows the container engine from now on: a live container that dies, is killed or turns
    // unhealthy parks its app (503), is recorded and restarted with back-off; after the engine
    // restarts (or at this call) every live app is proven, started if needed and routed again.
    // `rivetr serve` calls it after reconcile().
    void watch();

    // Routes every live app again from the store; false (nothing changed) while the container
    // engine is unreachable. Serve retries it until it succeeds, so apps come back by themselves
    // when Rivetr started before the engine (a reboot with dockerd still starting).
    bool restoreRoutes();
    // Before an app is deleted: its deployments are cancelled, its domains leave the proxy, its
    // containers and images are removed and its git cache is dropped. Nothing of it keeps serving.
    void forgetApp(const std::string& appId);

    // THE function that turns the store into routes: every app with a live deployment whose
    // container runs. Start-up, restarts and repairs all go through it.
    std::vector<AppTarget> liveTargets();

    // What `auto` would build from a repository no app uses yet (the new-app wizard). Throws
    // git::SourceError when it cannot be read.
    DetectResult detect(const DetectRequest& request) { return detectRepository(deps_.source, deps_.builders, request); }

    DeploymentEvents& events() { return deps_.events; }
    std::size_t queueDepth() const { return queue_->queued(); }
    std::size_t activeDeployments() const { return queue_->active(); }
    // Blocks until replaced containers have been stopped (tests).
    void waitRetired() { retirer_.waitIdle(); }

private:
    void submit(const store::DeploymentRecord& d);
    // The one path that runs an existing image again (rollback and redeploy).
    std::string rerun(const store::DeploymentRecord& source, const std::string& trigger);
    void reconcileDeployment(const store::DeploymentRecord& d, runtime::ContainerRuntime* rt);
    void removeOrphans(runtime::ContainerRuntime& rt);
    void retireSuperseded();

    EngineDeps deps_;
    EngineOptions options_;
    Retirer retirer_;
    PortAllocator ports_;
    Pipeline pipeline_;
    AppActions actions_;
    std::unique_ptr<DeployQueue> queue_;
    std::unique_ptr<AppSupervisor> supervisor_;
    std::unique_ptr<ContainerWatcher> watcher_;
};

}  // namespace rivetr::engine
