// Start, stop, restart and recovery of an app's live container, run as engine jobs: serialised with its deployments.
#include "engine/app_actions.hpp"

#include "core/log.hpp"
#include "engine/health_gate.hpp"
#include "engine/live_endpoint.hpp"
#include "engine/stage_timer.hpp"

namespace rivetr::engine {
namespace {

// The action cannot go on: the outcome names why, with the code the API answers with.
struct Refused : std::runtime_error {
    Refused(std::string c, const std::string& message) : std::runtime_error(message), code(std::move(c)) {}
    std::string code;
};

ActionOutcome failed(std::string code, std::string error) { return {false, "", std::move(code), std::move(error)}; }

// The engine's refusal as the action's outcome. NotFound: the live container was removed outside
// rivetr (docker rm), which the user is told as such (the API answers 404), not as an engine fault.
ActionOutcome runtimeFailure(const runtime::RuntimeError& e) {
    if (e.kind() == runtime::ErrorKind::DaemonUnavailable) return failed("runtime_unavailable", e.what());
    if (e.kind() == runtime::ErrorKind::NotFound)
        return failed("container_gone", std::string("the live container was removed outside rivetr (") + e.what() +
                                            "); deploy or roll back to bring the app back");
    return failed("runtime_error", e.what());
}

}  // namespace

void AppActions::announce(const Job& job, const std::string& status, const std::string& error) {
    DeploymentEvent e;
    e.deploymentId = job.id;
    e.appId = job.appId;
    e.action = actionName(*job.action);
    e.status = status;
    e.error = error;
    deps_.events.publish(e);
}

void AppActions::run(Job& job) {
    announce(job, "in_progress");
    ActionOutcome out;
    // The same deadline as a deployment's starting stage: no action holds the app's queue forever.
    auto app = deps_.apps.find(job.appId);
    auto limit = stageDeadline(app ? app->deadlines.startMs : std::nullopt, options_.startTimeout);
    {
        StageTimer timer(job.cancel, actionName(*job.action), limit);
        try {
            out = perform(job);
        } catch (const Refused& e) {
            out = failed(e.code, e.what());
        } catch (const runtime::RuntimeError& e) {
            out = runtimeFailure(e);
        } catch (const std::exception& e) {
            out = failed("runtime_error", e.what());
        }
        // A failure after the deadline fired is the deadline, whatever the interrupted call said.
        if (!out.ok && timer.fired()) out = failed("timeout", timer.reason());
    }
    announce(job, out.ok ? "done" : "failed", out.error);
    log::info("engine.app_action", {{"job", job.id}, {"app", job.appId}, {"action", actionName(*job.action)},
                                    {"outcome", out.ok ? out.status : out.code}, {"error", out.error}});
    job.outcome.set_value(out);
}

// The live container as it is when the job runs, not when it was asked for: a deployment that
// ran before this job may have switched to another one.
ActionOutcome AppActions::perform(Job& job) {
    auto app = deps_.apps.find(job.appId);
    if (!app) throw Refused("not_found", "the app was deleted");
    std::optional<store::DeploymentRecord> live;
    if (app->liveDeploymentId) live = deps_.deployments.get(*app->liveDeploymentId);
    if (!live || !live->containerId) throw Refused("not_deployed", "app " + app->name + " has no live deployment");
    auto rt = deps_.runtime();
    if (!rt) throw Refused("runtime_unavailable", "the container engine is not reachable");
    const auto& id = *live->containerId;
    switch (*job.action) {
        case AppAction::Stop:
            // Parked first (in-flight requests drain, new ones get 503), stopped only then, so
            // nobody sees a 502 from a dying upstream.
            park(*app);
            rt->stopContainer(id, options_.stopGrace);
            deps_.appState.setStopped(app->id, true);  // and stays stopped when rivetr restarts
            return {true, "stopped", "", ""};
        case AppAction::Restart:
            park(*app);
            rt->restartContainer(id, options_.stopGrace);
            break;
        case AppAction::Start:
            rt->startContainer(id);
            break;
        case AppAction::Recover:
            return recover(job, *rt, *app, live->id, id);
    }
    routeWhenHealthy(job, *rt, *app, live->id, id);
    deps_.appState.setStopped(app->id, false);
    return {true, "running", "", ""};
}

// The engine's own repair: a stopped app stays parked; otherwise the container is brought up
// (started, or restarted when its own health check calls it unhealthy) and routed only once it
// proved to be this app's and passed the app's health check.
ActionOutcome AppActions::recover(Job& job, runtime::ContainerRuntime& rt, const store::AppRecord& app,
                                  const std::string& deploymentId, const std::string& containerId) {
    if (app.stopped) return {true, "stopped", "", ""};
    runtime::ContainerInfo info;
    try {
        info = rt.inspectContainer(containerId);
    } catch (const runtime::RuntimeError& e) {
        if (e.kind() != runtime::ErrorKind::NotFound) throw;
        return recreateGone(rt, deploymentId, containerId);
    }
    if (info.state.running && info.state.health == "unhealthy") {
        rt.restartContainer(containerId, options_.stopGrace);
    } else if (!info.state.running) {
        rt.startContainer(containerId);
    }
    routeWhenHealthy(job, rt, app, deploymentId, containerId);
    return {true, "running", "", ""};
}

// Removed outside rivetr (docker rm -f): the live image runs again as a new health-gated deployment,
// queued behind this job in the app's turn. Until it is live the app stays parked and counts as
// crashed, so the supervisor's next recovery (after its back-off, behind that deployment) finds the
// new container, or recreates again when that deployment failed.
ActionOutcome AppActions::recreateGone(runtime::ContainerRuntime& rt, const std::string& deploymentId,
                                       const std::string& containerId) {
    const auto gone = "the live container " + containerId.substr(0, 12) + " was removed outside rivetr";
    auto live = deps_.deployments.get(deploymentId);
    if (!recreate || !live || !live->image) throw Refused("container_gone", gone + "; deploy or roll back to bring the app back");
    try {
        rt.inspectImage(*live->image);
    } catch (const runtime::RuntimeError&) {
        throw Refused("container_gone", gone + " and its image " + *live->image + " is gone too; deploy to rebuild");
    }
    auto id = recreate(*live);
    return failed("recreating", gone + "; deployment " + id + " runs its image again");
}

void AppActions::park(const store::AppRecord& app) { deps_.traffic.route({app.id, app.domains, "", 0}).wait(); }

// After the container (re)started: its published port (the gate every start passes), the proof
// that the container there is this app's live one, the app's health check (a process that has not
// bound its port yet would answer 502), then the route to it.
void AppActions::routeWhenHealthy(Job& job, runtime::ContainerRuntime& rt, const store::AppRecord& app,
                                  const std::string& deploymentId, const std::string& containerId) {
    HealthProbeHooks hooks;
    hooks.cancelled = [&] { return job.cancel.cancelled(); };
    hooks.containerGone = [&]() -> std::optional<std::string> {
        auto state = rt.inspectContainer(containerId).state;
        if (state.running) return std::nullopt;
        return "the container did not come up (state " + state.status + ", exit code " +
               std::to_string(state.exitCode) + ")";
    };
    auto published = waitPublishedPort(rt, containerId, static_cast<int>(app.port), hooks);
    if (!published.hostPort) throw Refused("start_failed", published.reason);
    auto endpoint = verifyLiveContainer(rt, containerId, app, deploymentId);
    if (!endpoint.hostPort) throw Refused("start_failed", endpoint.problem);
    auto outcome = waitHealthy("127.0.0.1", endpoint.hostPort, app.healthcheck, hooks);
    if (!outcome.healthy) throw Refused("unhealthy", "health check failed: " + outcome.reason);
    deps_.traffic.route({app.id, app.domains, "127.0.0.1", endpoint.hostPort}).wait();
}

}  // namespace rivetr::engine
