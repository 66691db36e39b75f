// One deployment from pending to running: clone, build, start, health gate, switch — or a clean failure.
#include "engine/pipeline.hpp"

#include <signal.h>

#include <sstream>
#include <thread>

#include "core/file_write.hpp"
#include "core/git/credentials.hpp"
#include "core/log.hpp"
#include "core/subprocess.hpp"
#include "core/url_userinfo.hpp"
#include "engine/build_output_tail.hpp"
#include "engine/deploy_log.hpp"
#include "engine/health_gate.hpp"
#include "engine/live_endpoint.hpp"
#include "engine/stage_timer.hpp"
#include "core/failpoint.hpp"
#include "runtime/naming.hpp"

namespace rivetr::engine {
namespace {

using store::DeploymentStatus;

// A stage could not do its work: the deployment fails with this message.
struct StageFailure : std::runtime_error {
    using std::runtime_error::runtime_error;
};
// The job was cancelled (by a user, or superseded by a newer deployment).
struct Cancelled : std::runtime_error {
    using std::runtime_error::runtime_error;
};

std::string joinLines(const std::vector<std::string>& lines) {
    std::string out;
    for (const auto& l : lines) out += (out.empty() ? "" : "\n") + l;
    return out;
}

}  // namespace

struct Pipeline::Run {
    Job& job;
    store::DeploymentRecord dep;
    store::AppRecord app;
    DeployLog log;
    std::shared_ptr<runtime::ContainerRuntime> rt;
    std::optional<git::Checkout> checkout;
    std::string image;
    std::string containerId;
    int hostPort = 0;
    bool started = false;  // a new container exists: a failure now is a rollback to the live one
};

void Pipeline::setStatus(const std::string& deploymentId, const std::string& appId, store::DeploymentStatus to,
                         const std::optional<std::string>& rawError) {
    const std::string status(store::statusName(to));
    // The error is shown to viewers, streamed and logged: no URL credentials in it, whoever threw it.
    auto error = rawError ? std::optional(redactUrlCredentials(*rawError)) : std::nullopt;
    if (!deps_.deployments.transition(deploymentId, status, error)) return;
    DeploymentEvent e;
    e.deploymentId = deploymentId;
    e.appId = appId;
    e.status = status;
    e.error = error.value_or("");
    deps_.events.publish(e);
    log::info("engine.deployment_status",
              {{"deployment", deploymentId}, {"app", appId}, {"status", status}, {"error", error.value_or("")}});
}

namespace {

// Runs one stage under its deadline; maps a cancellation or a timeout seen inside the stage
// to the right outcome whatever error the interrupted call threw.
template <typename Fn>
void runStage(Job& job, store::DeploymentStatus stage, std::chrono::milliseconds limit, Fn&& fn) {
    const std::string name(store::statusName(stage));
    if (job.cancel.cancelled()) throw Cancelled(job.cancelReason.empty() ? "cancelled" : job.cancelReason);
    StageTimer timer(job.cancel, name, limit);
    try {
        fn();
    } catch (const StageFailure&) {
        if (timer.fired()) throw StageFailure(timer.reason());
        if (job.cancel.cancelled()) throw Cancelled(job.cancelReason.empty() ? "cancelled" : job.cancelReason);
        throw;
    } catch (const std::exception& e) {
        if (timer.fired()) throw StageFailure(timer.reason());
        if (job.cancel.cancelled()) throw Cancelled(job.cancelReason.empty() ? "cancelled" : job.cancelReason);
        throw StageFailure(name + " failed: " + e.what());
    }
    if (timer.fired()) throw StageFailure(timer.reason());
}

}  // namespace

void Pipeline::run(Job& job) {
    auto dep = deps_.deployments.get(job.id);
    auto app = deps_.apps.find(job.appId);
    if (!dep) return;
    if (!app) {
        setStatus(job.id, job.appId, DeploymentStatus::Failed, "the app was deleted");
        return;
    }
    Run r{job, *dep, *app, DeployLog(deps_.deployments, deps_.events, dep->id, app->id), nullptr, {}, {}, {}, 0, false};
    auto enter = [&](DeploymentStatus stage) {
        setStatus(r.dep.id, r.app.id, stage);
        const std::string name(store::statusName(stage));
        r.log.note("==> " + name);
        r.log.flush();
        failpoint("pipeline." + name);
    };
    try {
        r.rt = deps_.runtime();
        if (!r.rt) throw StageFailure("the container engine is not reachable");
        if (r.dep.rollbackOf) {
            reuseImage(r);
        } else {
            enter(DeploymentStatus::Cloning);
            runStage(job, DeploymentStatus::Cloning, stageDeadline(r.app.deadlines.cloneMs, options_.cloneTimeout), [&] { clone(r); });
            enter(DeploymentStatus::Building);
            runStage(job, DeploymentStatus::Building, stageDeadline(r.app.deadlines.buildMs, options_.buildTimeout), [&] { build(r); });
        }
        enter(DeploymentStatus::Starting);
        runStage(job, DeploymentStatus::Starting, stageDeadline(r.app.deadlines.startMs, options_.startTimeout), [&] { start(r); });
        enter(DeploymentStatus::Checking);
        runStage(job, DeploymentStatus::Checking, stageDeadline(r.app.deadlines.healthMs, options_.healthTimeout), [&] { check(r); });
        enter(DeploymentStatus::Switching);
        switchOver(r);  // not cancellable: the swap is one atomic step
    } catch (const Cancelled& e) {
        r.log.note(std::string("cancelled: ") + e.what());
        discardNewContainer(r);
        r.log.flush();
        setStatus(r.dep.id, r.app.id, DeploymentStatus::Cancelled, std::string(e.what()));
    } catch (const std::exception& e) {
        r.log.note(std::string("failed: ") + e.what());
        bool liveKept = r.started && r.app.liveDeploymentId.has_value();
        if (liveKept) r.log.note("the live version " + *r.app.liveDeploymentId + " keeps serving");
        discardNewContainer(r);
        r.log.flush();
        setStatus(r.dep.id, r.app.id, liveKept ? DeploymentStatus::RolledBack : DeploymentStatus::Failed, std::string(e.what()));
    }
    try {
        cleanUp(r.app.id);  // whatever the outcome: a failed health check leaves an image too
    } catch (const std::exception& e) {
        log::warn("engine.cleanup_failed", {{"app", r.app.id}, {"error", e.what()}});
    }
}

// A rollback or a redeploy: the image of `rollbackOf` again, no clone, no build. A redeploy is the
// live image with the app's current environment (start() reads it), so it says so.
void Pipeline::reuseImage(Run& r) {
    bool redeploy = runsLiveImageAgain(r.dep.trigger);
    if (redeploy) followLive(r);
    r.image = r.dep.image.value_or("");
    r.log.note((redeploy ? "redeploy of " + *r.dep.rollbackOf + " with the app's current environment and settings"
                         : "rollback to " + *r.dep.rollbackOf) +
               ": reusing image " + r.image + " (no clone, no build)");
    try {
        r.rt->inspectImage(r.image);
    } catch (const runtime::RuntimeError&) {
        throw StageFailure(redeploy ? "the live image (" + r.image + ") was removed; deploy to rebuild"
                                    : "the image of " + *r.dep.rollbackOf + " (" + r.image +
                                          ") was pruned; deploy that commit again instead");
    }
}

// A redeploy runs the image that is live when its turn comes: one queued behind a deployment of
// new code must not bring the old image back. The record follows, so it shows what really ran.
void Pipeline::followLive(Run& r) {
    auto live = r.app.liveDeploymentId ? deps_.deployments.get(*r.app.liveDeploymentId) : std::nullopt;
    if (!live || !live->image) throw StageFailure("nothing is live to redeploy; deploy instead");
    if (live->id == r.dep.rollbackOf && live->image == r.dep.image) return;
    r.log.note(live->id + " went live meanwhile: redeploying its image");
    deps_.deployments.setSource(r.dep.id, live->id, *live->image);
    if (live->commitSha) {
        deps_.deployments.setCommit(r.dep.id, *live->commitSha, live->commitMessage.value_or(""),
                                    live->commitAuthor.value_or(""));
    }
    r.dep.rollbackOf = live->id;
    r.dep.image = live->image;
    r.dep.commitSha = live->commitSha;
}

void Pipeline::clone(Run& r) {
    git::FetchRequest req;
    req.appId = r.app.id;
    req.url = r.app.gitUrl;
    if (r.app.gitCredential) req.auth = git::passwordAuth(*r.app.gitCredential);
    req.ref = r.dep.requestedCommit.value_or(r.app.branch);
    req.deadline = options_.cloneTimeout;
    req.stallTimeout = options_.cloneStallTimeout;
    req.cancel = r.job.cancel.flag();
    req.onRemoteMessage = [&](std::string_view m) { r.log.write("build", m); };
    std::uint64_t lastReported = 0;
    req.onProgress = [&](const git::TransferStats& s) {
        if (s.totalObjects && (s.receivedObjects == s.totalObjects || s.receivedObjects - lastReported >= 1000)) {
            lastReported = s.receivedObjects;
            r.log.note("fetched " + std::to_string(s.receivedObjects) + "/" + std::to_string(s.totalObjects) +
                         " objects, " + std::to_string(s.receivedBytes / 1024) + " KiB");
        }
    };
    r.log.note("fetching " + req.ref + " from " + r.app.gitUrl);
    r.checkout.emplace(deps_.source.checkout(req));
    auto& c = *r.checkout;
    auto firstLine = c.message.substr(0, c.message.find('\n'));
    deps_.deployments.setCommit(r.dep.id, c.sha, firstLine, c.authorName + " <" + c.authorEmail + ">");
    r.dep.commitSha = c.sha;
    r.log.note("checked out " + c.sha.substr(0, 12) + " \"" + firstLine + "\" by " + c.authorName);
}

void Pipeline::build(Run& r) {
    builders::AppBuildSpec spec;
    spec.appId = r.app.id;
    spec.image = runtime::imageRef(r.app.id, r.dep.id);
    spec.dockerfilePath = r.app.dockerfilePath;
    spec.baseDirectory = r.app.baseDir;
    spec.target = r.app.buildTarget;
    spec.port = static_cast<int>(r.app.port);
    for (const auto& v : deps_.env.list(r.app.id)) {
        if (v.buildTime) spec.buildEnv[v.key] = v.value;
    }
    spec.labels = runtime::rivetrLabels(r.app.id, r.dep.id);
    auto plan = deps_.builders.plan(r.checkout->dir.path(), spec, r.app.buildType);
    r.log.note("builder: " + plan.builder);
    BuildOutputTail tail;  // what a failure shows: the step and its last lines
    if (plan.external) {
        SpawnOptions o;
        o.workingDir = plan.contextDir;
        o.env = plan.external->env;
        auto p = Process::spawn(plan.external->argv, o);
        std::thread watchdog([&] {
            while (p.running()) {
                if (r.job.cancel.cancelled()) p.signal(SIGKILL);
                std::this_thread::sleep_for(std::chrono::milliseconds(200));
            }
        });
        p.readAll([&](std::string_view chunk) {
            r.log.write("build", chunk);
            tail.add(chunk);
        });
        auto code = p.wait();
        watchdog.join();
        if (code != 0) {
            throw StageFailure(tail.explain("build failed", plan.builder + " exited with code " +
                                                                std::to_string(code.value_or(-1))));
        }
    } else {
        builders::writeGeneratedDockerfile(plan);
        runtime::BuildRequest req;
        req.contextDir = plan.contextDir;
        req.dockerfile = plan.dockerfile;
        req.tags = {spec.image};
        req.buildArgs = plan.buildArgs;
        req.target = plan.target;
        req.labels = plan.labels;
        for (const auto& [k, v] : spec.labels) req.labels[k] = v;
        req.memoryBytes = r.app.memoryLimitBytes;
        req.onProgress = [&](std::string_view line) {
            r.log.write("build", line);
            tail.add(line);
            tail.add("\n");
        };
        req.cancel = r.job.cancel;
        try {
            r.rt->build(req);
        } catch (const runtime::RuntimeError& e) {
            if (e.kind() != runtime::ErrorKind::BuildFailed) throw;
            throw StageFailure(tail.explain("build failed", e.daemonMessage()));
        }
    }
    r.image = spec.image;
    deps_.deployments.setImage(r.dep.id, r.image);
    r.checkout.reset();  // the work directory is not needed any more
}

void Pipeline::start(Run& r) {
    runtime::ContainerSpec spec;
    spec.name = runtime::containerName(r.app.id, r.dep.id);
    spec.image = r.image;
    auto vars = deps_.env.list(r.app.id);
    for (const auto& v : vars) spec.env[v.key] = v.value;  // secrets only reach the container
    // What it started with, so the API can tell when the app's variables changed since (env_pending).
    deps_.deployments.setEnvDigest(r.dep.id, deps_.env.digest(r.app.id, vars));
    spec.env["PORT"] = std::to_string(r.app.port);
    spec.env["RIVETR_APP_NAME"] = r.app.name;
    spec.env["RIVETR_DEPLOYMENT_ID"] = r.dep.id;
    spec.env["SOURCE_COMMIT"] = r.dep.commitSha.value_or("");
    spec.labels = runtime::rivetrLabels(r.app.id, r.dep.id);
    spec.restart = runtime::RestartPolicy::UnlessStopped;
    spec.memoryBytes = r.app.memoryLimitBytes;
    if (r.app.cpuLimitMillis) spec.cpus = static_cast<double>(*r.app.cpuLimitMillis) / 1000.0;
    spec.pidsLimit = 4096;
    spec.stopTimeoutSeconds = static_cast<int>(options_.stopGrace.count());
    runOnAssignedPort(r, spec);
    r.started = true;
    deps_.deployments.setContainer(r.dep.id, r.containerId);
    // A container that dies at once never publishes its port: then its exit (code and output) is the error.
    HealthProbeHooks hooks;
    hooks.containerGone = [&] { return exitReport(r); };
    hooks.cancelled = [&] { return r.job.cancel.cancelled(); };
    auto published = waitPublishedPort(*r.rt, r.containerId, static_cast<int>(r.app.port), hooks);
    if (!published.hostPort) throw StageFailure(published.reason);
    auto endpoint = verifyLiveContainer(*r.rt, r.containerId, r.app, r.dep.id);
    if (!endpoint.hostPort) {
        // Exited meanwhile: its exit code and last output say more than "not running".
        throw StageFailure(endpoint.running ? endpoint.problem : exitReport(r, &endpoint.state).value_or(endpoint.problem));
    }
    r.hostPort = endpoint.hostPort;
    r.log.note("container " + r.containerId.substr(0, 12) + " started, port " + std::to_string(r.app.port) +
                 " on 127.0.0.1:" + std::to_string(r.hostPort));
}

// On a host port Rivetr assigns (port_allocator.hpp), recorded in the container's label. A port
// something outside Rivetr took between the check and the start is skipped for the next one.
void Pipeline::runOnAssignedPort(Run& r, runtime::ContainerSpec& spec) {
    auto held = labelledHostPorts(r.rt->listContainers(runtime::rivetrFilter()));
    for (int attempt = 1;; ++attempt) {
        auto port = ports_.reserve(held);
        spec.ports = {{static_cast<int>(r.app.port), port.port(), "tcp"}};
        spec.labels[runtime::kHostPortLabel] = std::to_string(port.port());
        try {
            r.containerId = r.rt->runContainer(spec);
            return;
        } catch (const runtime::RuntimeError& e) {
            if (e.kind() != runtime::ErrorKind::PortInUse || attempt == 3) throw;
            log::warn("engine.host_port_taken", {{"port", std::to_string(port.port())}, {"error", e.what()}});
            held.insert(port.port());
        }
    }
}

// Why the new container is not running (exit code or OOM, with its last output), or nullopt. Its
// restart policy brings it back at once and the engine then clears the exit code, so a state read
// earlier (`seen`, e.g. "restarting" with the code) wins over asking again. A container found running
// again is not reported: a crash loop backs off (100 ms, 200 ms, 400 ms ...), so the next look finds
// it restarting, with its code.
std::optional<std::string> Pipeline::exitReport(Run& r, const runtime::ContainerState* seen) {
    const bool seenStopped = seen && (seen->restarting || !seen->running);
    const auto state = seenStopped ? *seen : r.rt->inspectContainer(r.containerId).state;
    if (state.running && !state.restarting) return std::nullopt;
    std::vector<std::string> lines;
    runtime::LogOptions lo;
    lo.tail = 20;
    r.rt->logs(r.containerId, lo, [&](runtime::LogStream, std::string_view l) {
        std::string s(l);
        while (!s.empty() && s.back() == '\n') s.pop_back();
        lines.push_back(s);
    });
    std::string why = state.oomKilled ? "the container was killed for using too much memory"
                                      : "the container exited with code " + std::to_string(state.exitCode);
    return lines.empty() ? why : why + "; its last output:\n" + joinLines(lines);
}

void Pipeline::check(Run& r) {
    HealthProbeHooks hooks;
    hooks.cancelled = [&] { return r.job.cancel.cancelled(); };
    hooks.log = [&](const std::string& line) { r.log.note(line); };
    hooks.containerGone = [&] { return exitReport(r); };
    const auto& h = r.app.healthcheck;
    r.log.note("health check: " + (h.type == "tcp" ? std::string("TCP connect") : "GET " + h.path) + " every " +
                 std::to_string(h.intervalMs) + " ms, " + std::to_string(h.retries) + " retries");
    auto outcome = waitHealthy("127.0.0.1", r.hostPort, h, hooks);
    if (outcome.healthy) {
        r.log.note("healthy after " + std::to_string(outcome.attempts) + " probe(s)");
        return;
    }
    if (!outcome.noAnswer) throw StageFailure("health check failed: " + outcome.reason);
    // Nothing listens on the app's port: say which port the image declares instead.
    std::vector<int> exposed;
    try {
        exposed = r.rt->inspectImage(r.image).exposedTcpPorts;
    } catch (const runtime::RuntimeError&) {
        // The advice without the image's ports is still right.
    }
    throw StageFailure("health check failed: " + noAnswerAdvice(static_cast<int>(r.app.port), exposed) + " (" +
                       outcome.reason + ")");
}

void Pipeline::switchOver(Run& r) {
    auto previous = deps_.apps.find(r.app.id);  // re-read: the live one may have changed meanwhile
    auto previousLive = previous ? previous->liveDeploymentId : std::nullopt;
    const auto& domains = previous ? previous->domains : r.app.domains;
    auto drained = deps_.traffic.route({r.app.id, domains, "127.0.0.1", r.hostPort}).share();
    deps_.appState.setLive(r.app.id, r.dep.id);  // a new deployment runs, even if the app was stopped
    failpoint("pipeline.switched");  // committed in the store, not yet reported running
    // The last line is stored before the terminal status: a log stream ends when it sees
    // "running", and a line written after it would never reach that reader.
    r.log.note("live: " + std::to_string(domains.size()) + " domain(s) now served by " + r.dep.id);
    r.log.flush();
    setStatus(r.dep.id, r.app.id, DeploymentStatus::Running);
    if (previousLive && *previousLive != r.dep.id) {
        setStatus(*previousLive, r.app.id, DeploymentStatus::Replaced);
        if (auto old = deps_.deployments.get(*previousLive); old && old->containerId) {
            retirer_.retire(*old->containerId, drained);
        }
    }
}

void Pipeline::discardNewContainer(Run& r) {
    if (r.containerId.empty() || !r.rt) return;
    try {
        r.rt->removeContainer(r.containerId, {true, false});
        deps_.deployments.setContainer(r.dep.id, std::nullopt);
    } catch (const std::exception& e) {
        log::warn("engine.discard_failed", {{"container", r.containerId}, {"error", e.what()}});
    }
}

bool Pipeline::diskPressure() const {
    if (options_.minFreeDiskBytes == 0) return false;
    auto free = options_.freeDiskBytes ? options_.freeDiskBytes() : freeDiskBytes(options_.dataDir);
    return free && *free < options_.minFreeDiskBytes;
}

// After every deployment: old log lines go (the newest `keepDeploymentLogs` deployments keep
// theirs) and old images go. Normally the newest `keepImages` stay with the live one; under disk
// pressure only the live image and the one before it (what a rollback would run) stay.
void Pipeline::cleanUp(const std::string& appId) {
    try {
        deps_.deployments.pruneLogs(appId, options_.keepDeploymentLogs);
    } catch (const std::exception& e) {
        log::warn("engine.log_retention_failed", {{"app", appId}, {"error", e.what()}});
    }
    auto rt = deps_.runtime();
    if (!rt) return;
    bool pressure = diskPressure();
    if (pressure) log::warn("engine.disk_pressure", {{"app", appId}, {"keeping", "live and rollback images only"}});
    auto app = deps_.apps.find(appId);
    int kept = 0;
    bool pastLive = false, rollbackKept = false;
    for (const auto& d : deps_.deployments.listForApp(appId, 200)) {
        if (!d.image || d.rollbackOf) continue;
        bool live = app && app->liveDeploymentId == d.id;
        bool keep = live || (pressure ? pastLive && !rollbackKept : kept < options_.keepImages);
        if (pressure && keep && !live) rollbackKept = true;
        pastLive = pastLive || live;
        if (keep) {
            ++kept;
            continue;
        }
        try {
            rt->removeImage(*d.image);
            log::info("engine.image_pruned", {{"image", *d.image}});
        } catch (const runtime::RuntimeError&) {
            // Already gone, or still used by a container: nothing to do.
        }
    }
}

}  // namespace rivetr::engine
