// The deploy engine's face: deploy, cancel, rollback, start/stop/restart, reconcile on start, watching what runs, and the live routes.
#include "engine/engine.hpp"

#include <algorithm>
#include <set>
#include <stdexcept>

#include "core/ids.hpp"
#include "core/log.hpp"
#include "engine/health_gate.hpp"
#include "engine/live_endpoint.hpp"
#include "runtime/naming.hpp"

namespace rivetr::engine {

using store::DeploymentStatus;

namespace {

// 40 (SHA-1) or 64 (SHA-256) lower-case hex digits, as git prints a commit id.
bool isFullSha(const std::string& s) {
    return (s.size() == 40 || s.size() == 64) &&
           std::all_of(s.begin(), s.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

}  // namespace

Engine::Engine(EngineDeps deps, EngineOptions options)
    : deps_(deps),
      options_(std::move(options)),
      retirer_(deps.runtime, options_.stopGrace),
      ports_(options_.hostPorts),
      pipeline_(deps, options_, retirer_, ports_),
      actions_(deps, options_) {
    actions_.recreate = [this](const store::DeploymentRecord& live) { return rerun(live, kRecoverTrigger); };
    queue_ = std::make_unique<DeployQueue>(
        options_.maxConcurrentDeployments,
        [this](Job& job) { job.isDeployment() ? pipeline_.run(job) : actions_.run(job); },
        [this](const Job& dropped, const std::string& by) {
            pipeline_.setStatus(dropped.id, dropped.appId, DeploymentStatus::Cancelled, "superseded by " + by);
        });
}

// The watcher first (no more events), then the supervisor's timer (no more jobs queued), then the
// queue (its jobs still announce on the bus the supervisor listens to), then the supervisor.
Engine::~Engine() {
    watcher_.reset();
    if (supervisor_) supervisor_->stop();
    queue_.reset();
    supervisor_.reset();
}

void Engine::watch() {
    if (watcher_) return;
    supervisor_ = std::make_unique<AppSupervisor>(
        deps_, [this](const std::string& appId) { act(appId, AppAction::Recover); }, options_.supervisor);
    watcher_ = std::make_unique<ContainerWatcher>(
        deps_.runtime, [this](const runtime::Event& e) { supervisor_->onContainerEvent(e); },
        [this] { supervisor_->resync(); });
    watcher_->start();
}

void Engine::submit(const store::DeploymentRecord& d) {
    auto job = std::make_shared<Job>();
    job->id = d.id;
    job->appId = d.appId;
    job->waitsItsTurn = runsLiveImageAgain(d.trigger);
    queue_->submit(job);
}

ActionTicket Engine::act(const std::string& appId, AppAction action) {
    auto app = deps_.apps.find(appId);
    if (!app) throw std::invalid_argument("no app \"" + appId + "\"");
    auto job = std::make_shared<Job>();
    job->action = action;
    job->id = newId("act");
    job->appId = app->id;
    ActionTicket ticket{job->id, job->outcome.get_future().share()};
    actions_.announce(*job, "pending");
    queue_->submit(job);
    return ticket;
}

std::string Engine::deploy(const std::string& appId, const DeployRequest& request) {
    auto app = deps_.apps.find(appId);
    if (!app) throw std::invalid_argument("no app \"" + appId + "\"");
    store::DeploymentRecord d;
    d.id = newId("dep");
    d.appId = app->id;
    d.trigger = request.trigger;
    d.requestedCommit = request.commit;
    // A full SHA names exactly one commit: it shows from the moment the deployment is enqueued (a
    // webhook's push), not only once the clone succeeds.
    if (request.commit && isFullSha(*request.commit)) {
        d.commitSha = request.commit;
        d.commitMessage = request.commitMessage;
        d.commitAuthor = request.commitAuthor;
    }
    deps_.deployments.create(d);
    submit(d);
    return d.id;
}

std::string Engine::rollback(const std::string& deploymentId, const std::string& trigger) {
    auto target = deps_.deployments.get(deploymentId);
    if (!target) throw std::invalid_argument("no deployment \"" + deploymentId + "\"");
    if (!target->image) throw std::invalid_argument("deployment " + deploymentId + " never built an image");
    return rerun(*target, trigger == "manual" ? "rollback" : trigger);
}

std::string Engine::redeploy(const std::string& appId, const std::function<void()>& beforeQueue) {
    auto app = deps_.apps.find(appId);
    if (!app) throw std::invalid_argument("no app \"" + appId + "\"");
    auto live = app->liveDeploymentId ? deps_.deployments.get(*app->liveDeploymentId) : std::nullopt;
    if (!live || !live->image) {
        throw RedeployRefused("no_live_deployment", app->name + " has no live deployment to redeploy; deploy it first");
    }
    // Refused now rather than queued to fail: the caller's env change is not stored either. An
    // unreachable engine is no reason here; the deployment reports it like any other.
    if (auto rt = deps_.runtime()) {
        try {
            rt->inspectImage(*live->image);
        } catch (const runtime::RuntimeError& e) {
            if (e.kind() == runtime::ErrorKind::ImageNotFound || e.kind() == runtime::ErrorKind::NotFound) {
                throw RedeployRefused("image_removed", "the live image (" + *live->image +
                                                           ") was removed; deploy to rebuild");
            }
        }
    }
    if (beforeQueue) beforeQueue();
    return rerun(*live, kRedeployTrigger);
}

// The new deployment names the one whose image it runs (rollback_of) and carries its commit.
std::string Engine::rerun(const store::DeploymentRecord& source, const std::string& trigger) {
    store::DeploymentRecord d;
    d.id = newId("dep");
    d.appId = source.appId;
    d.trigger = trigger;
    d.rollbackOf = source.id;
    d.image = source.image;
    d.requestedCommit = source.commitSha;
    deps_.deployments.create(d);
    if (source.commitSha) {
        deps_.deployments.setCommit(d.id, *source.commitSha, source.commitMessage.value_or(""),
                                    source.commitAuthor.value_or(""));
    }
    submit(d);
    return d.id;
}

bool Engine::cancel(const std::string& deploymentId) {
    auto d = deps_.deployments.get(deploymentId);
    if (!d || store::isTerminalStatus(d->status)) return false;
    auto result = queue_->cancel(deploymentId, "cancelled by request");
    if (result == DeployQueue::CancelResult::Dequeued) {
        pipeline_.setStatus(d->id, d->appId, DeploymentStatus::Cancelled, "cancelled by request");
    }
    return result != DeployQueue::CancelResult::NotFound;
}

bool Engine::restoreRoutes() {
    if (!deps_.runtime()) return false;
    deps_.traffic.replaceAll(liveTargets());
    return true;
}

void Engine::forgetApp(const std::string& appId) {
    for (const auto& d : deps_.deployments.unfinished()) {
        if (d.appId == appId) cancel(d.id);
    }
    deps_.traffic.unroute(appId).wait();  // in-flight requests finish before the container goes
    if (auto rt = deps_.runtime()) {
        for (const auto& c : rt->listContainers(runtime::rivetrFilter(appId))) {
            try {
                rt->removeContainer(c.id, {true, false});
            } catch (const runtime::RuntimeError& e) {
                log::warn("engine.forget_container_failed", {{"container", c.id}, {"error", e.what()}});
            }
        }
        for (const auto& i : rt->listImages(runtime::rivetrFilter(appId))) {
            try {
                rt->removeImage(i.id, true);
            } catch (const runtime::RuntimeError& e) {
                log::warn("engine.forget_image_failed", {{"image", i.id}, {"error", e.what()}});
            }
        }
    }
    deps_.source.forget(appId);
    log::info("engine.app_forgotten", {{"app", appId}});
}

// A live container that is down is started (it was running when rivetr last looked); it is
// routed only once proven to be the app's (live_endpoint.hpp), else its domains answer 503.
std::vector<AppTarget> Engine::liveTargets() {
    std::vector<AppTarget> out;
    auto rt = deps_.runtime();
    if (!rt) return out;
    for (const auto& app : deps_.apps.list()) {
        if (!app.liveDeploymentId) continue;
        auto parked = AppTarget::parked(app.id, app.domains);
        auto d = deps_.deployments.get(*app.liveDeploymentId);
        if (app.stopped || !d || !d->containerId) {
            out.push_back(parked);  // stopped by its user: 503 until started
            continue;
        }
        try {
            auto ep = verifyLiveContainer(*rt, *d->containerId, app, d->id);
            if (!ep.running) {
                rt->startContainer(*d->containerId);
                waitPublishedPort(*rt, *d->containerId, static_cast<int>(app.port), {}, std::chrono::seconds(5));
                ep = verifyLiveContainer(*rt, *d->containerId, app, d->id);
            }
            if (!ep.hostPort) log::warn("engine.live_container_unproven", {{"app", app.id}, {"problem", ep.problem}});
            out.push_back(ep.hostPort ? AppTarget{app.id, app.domains, "127.0.0.1", ep.hostPort} : parked);
        } catch (const runtime::RuntimeError& e) {
            log::warn("engine.live_container_missing", {{"app", app.id}, {"deployment", d->id}, {"error", e.what()}});
            out.push_back(parked);
        }
    }
    return out;
}

// A deployment that was mid-pipeline when the process died: its half-made container goes, it
// ends "failed" with the reason, and the app keeps (or gets back) its previous live version.
// One that never started is queued again.
void Engine::reconcileDeployment(const store::DeploymentRecord& d, runtime::ContainerRuntime* rt) {
    if (store::hasStatus(d.status, DeploymentStatus::Pending)) {
        log::info("engine.requeued", {{"deployment", d.id}});
        submit(d);
        return;
    }
    if (auto app = deps_.apps.find(d.appId); app && app->liveDeploymentId == d.id) {
        // Died after the switch was committed (the app points at it): it is the live version.
        log::info("engine.switch_completed", {{"deployment", d.id}});
        pipeline_.setStatus(d.id, d.appId, DeploymentStatus::Running);
        return;
    }
    if (rt) {
        for (const auto& c : rt->listContainers(runtime::rivetrFilter(d.appId, d.id))) {
            try {
                rt->removeContainer(c.id, {true, false});
            } catch (const runtime::RuntimeError& e) {
                log::warn("engine.reconcile_remove_failed", {{"container", c.id}, {"error", e.what()}});
            }
        }
    }
    deps_.deployments.setContainer(d.id, std::nullopt);
    pipeline_.setStatus(d.id, d.appId, DeploymentStatus::Failed, "interrupted by a restart of rivetr during " + d.status);
}

// A container of one of this instance's apps that belongs to no live deployment is a leftover
// (a retire that never ran, a crash between start and record): remove it. Containers of apps
// this store does not know are left alone: another Rivetr may share the engine.
void Engine::removeOrphans(runtime::ContainerRuntime& rt) {
    std::set<std::string> keep;
    std::set<std::string> ours;
    for (const auto& app : deps_.apps.list()) {
        ours.insert(app.id);
        if (app.liveDeploymentId) keep.insert(*app.liveDeploymentId);
    }
    for (const auto& c : rt.listContainers(runtime::rivetrFilter())) {
        auto app = c.labels.find(runtime::kAppLabel);
        auto dep = c.labels.find(runtime::kDeploymentLabel);
        if (app == c.labels.end() || !ours.count(app->second)) continue;
        if (dep != c.labels.end() && keep.count(dep->second)) continue;
        try {
            rt.removeContainer(c.id, {true, false});
            log::info("engine.orphan_removed", {{"container", c.id}});
        } catch (const runtime::RuntimeError& e) {
            log::warn("engine.orphan_remove_failed", {{"container", c.id}, {"error", e.what()}});
        }
    }
}

// A deployment still "running" that its app no longer points at was switched away from by a
// process that died before saying so: it is replaced (its container goes with the orphans).
void Engine::retireSuperseded() {
    for (const auto& app : deps_.apps.list()) {
        for (const auto& d : deps_.deployments.listForApp(app.id, 50)) {
            if (store::hasStatus(d.status, DeploymentStatus::Running) && app.liveDeploymentId != d.id) {
                pipeline_.setStatus(d.id, d.appId, DeploymentStatus::Replaced);
            }
        }
    }
}

bool Engine::reconcile() {
    auto rt = deps_.runtime();
    std::vector<store::DeploymentRecord> pending;
    for (const auto& d : deps_.deployments.unfinished()) {
        if (store::hasStatus(d.status, DeploymentStatus::Pending)) {
            pending.push_back(d);
        } else {
            reconcileDeployment(d, rt.get());
        }
    }
    retireSuperseded();
    if (rt) removeOrphans(*rt);
    bool routed = restoreRoutes();
    // Queued last, so a re-queued deployment never races the clean-up above.
    for (const auto& d : pending) reconcileDeployment(d, rt.get());
    return routed;
}

}  // namespace rivetr::engine
