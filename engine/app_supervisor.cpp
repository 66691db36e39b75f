// The engine watching what it runs: a live container that dies is parked, explained, announced and restarted with back-off.
#include "engine/app_supervisor.hpp"

#include "core/clock.hpp"
#include "core/log.hpp"
#include "core/parse_int.hpp"
#include "runtime/naming.hpp"

namespace rivetr::engine {
namespace {

std::string attribute(const runtime::Event& e, const char* key) {
    auto it = e.attributes.find(key);
    return it == e.attributes.end() ? std::string() : it->second;
}

// The container's last lines, for the app page: why it died is usually there.
std::string lastOutput(runtime::ContainerRuntime& rt, const std::string& id) {
    std::string out;
    runtime::LogOptions lo;
    lo.tail = 20;
    try {
        rt.logs(id, lo, [&](runtime::LogStream, std::string_view line) {
            out.append(line);
            if (out.empty() || out.back() != '\n') out.push_back('\n');
        });
    } catch (const runtime::RuntimeError&) {
        // Removed meanwhile: the exit code has to do.
    }
    return out;
}

}  // namespace

AppSupervisor::AppSupervisor(EngineDeps deps, QueueRecover queueRecover, SupervisorOptions options)
    : deps_(deps), queueRecover_(std::move(queueRecover)), options_(options) {
    subscription_ = deps_.events.subscribe("", [this](const DeploymentEvent& e) { onBus(e); });
    timer_ = std::thread([this] { timerLoop(); });
}

AppSupervisor::~AppSupervisor() { stop(); }

void AppSupervisor::stop() {
    {
        std::lock_guard lock(mutex_);
        if (stopping_) return;
        stopping_ = true;
    }
    wake_.notify_all();
    if (timer_.joinable()) timer_.join();
}

// The app whose live container sent the event, unless the event is expected: another container of
// the app (a new one starting, an old one retired), a stopped app, or a user's action under way.
std::optional<store::AppRecord> AppSupervisor::liveAppOf(const runtime::Event& e) {
    auto app = deps_.apps.find(attribute(e, runtime::kAppLabel));
    if (!app || app->stopped || !app->liveDeploymentId) return std::nullopt;
    if (*app->liveDeploymentId != attribute(e, runtime::kDeploymentLabel)) return std::nullopt;
    auto live = deps_.deployments.get(*app->liveDeploymentId);
    if (!live || live->containerId != e.id) return std::nullopt;
    std::lock_guard lock(mutex_);
    if (tracks_[app->id].userAction) return std::nullopt;
    return app;
}

void AppSupervisor::onContainerEvent(const runtime::Event& e) {
    bool dead = e.action == "die" || e.action == "oom";
    bool unhealthy = e.action == "health_status: unhealthy";
    if (!dead && !unhealthy && e.action != "start") return;
    auto app = liveAppOf(e);
    if (!app) return;
    if (e.action == "start") {
        schedule(app->id, std::chrono::milliseconds(0));  // prove it and route it again
        return;
    }
    auto rt = deps_.runtime();
    if (dead && rt) {
        // Up again already (a quick restart): its start event brings the route back. One the engine's
        // restart policy is still bringing back ("restarting") is down for now, and parked.
        try {
            auto state = rt->inspectContainer(e.id).state;
            if (state.running && !state.restarting) return;
        } catch (const runtime::RuntimeError&) {
        }
    }
    auto code = parseInt(attribute(e, "exitCode"));
    died(*app, e, code, unhealthy ? "its health check reports it unhealthy"
                  : e.action == "oom" ? "it was killed for using too much memory"
                  : "it exited with code " + (code ? std::to_string(*code) : std::string("?")));
}

// Parked at once (503, not another app's page, not a hanging connect), recorded with why, announced,
// and a restart queued after the back-off.
void AppSupervisor::died(const store::AppRecord& app, const runtime::Event& e, std::optional<int> exitCode,
                         const std::string& why) {
    if (auto port = parseInt(attribute(e, runtime::kHostPortLabel))) deps_.traffic.parkIfServing(app.id, "127.0.0.1", *port);
    int crashes;
    {
        std::lock_guard lock(mutex_);
        auto& t = tracks_[app.id];
        auto now = std::chrono::steady_clock::now();
        if (!t.crashed && t.upSince != std::chrono::steady_clock::time_point{} && now - t.upSince >= options_.steadyAfter)
            t.crashes = 0;
        crashes = ++t.crashes;
        t.crashed = true;
        t.crashedDeployment = app.liveDeploymentId.value_or("");
    }
    store::LiveCondition c;
    c.state = "crashed";
    c.reason = "the live container " + e.id.substr(0, 12) + " stopped: " + why;
    c.exitCode = exitCode;
    if (auto rt = deps_.runtime()) c.lastOutput = lastOutput(*rt, e.id);
    c.restarts = crashes;
    recorded(app.id, c);
    DeploymentEvent ev;
    ev.deploymentId = app.liveDeploymentId.value_or("");
    ev.appId = app.id;
    ev.action = "crash";
    ev.status = "crashed";
    ev.error = c.reason;
    deps_.events.publish(ev);
    auto delay = delayFor(crashes);
    log::warn("engine.container_crashed", {{"app", app.id}, {"container", e.id}, {"why", why},
                                           {"restart_in_ms", std::to_string(delay.count())}});
    schedule(app.id, delay);
}

void AppSupervisor::recorded(const std::string& appId, store::LiveCondition c) {
    c.sinceMs = nowMs();
    try {
        deps_.appState.setCondition(appId, c);
    } catch (const std::exception& e) {
        log::warn("engine.condition_not_stored", {{"app", appId}, {"error", e.what()}});
    }
}

// How jobs ended: a recovery that failed is one more crash in a row (a longer back-off); one that
// worked, a user's start or restart, or a new deployment make the app run again. A user's action
// in progress makes its own container events expected.
void AppSupervisor::onBus(const DeploymentEvent& e) {
    if (e.kind != DeploymentEvent::Kind::Status || e.action == "crash") return;
    bool user = e.action == "start" || e.action == "stop" || e.action == "restart";
    bool freshStart = (e.action.empty() && e.status == "running") || (user && e.action != "stop" && e.status == "done");
    bool recovery = e.action == "recover";
    std::optional<store::LiveCondition> write;
    int crashes = 0;
    {
        std::lock_guard lock(mutex_);
        auto& t = tracks_[e.appId];
        // A deployment says "running" once, after it went live; a crash of its container recorded
        // before that event is handled (the die event raced the pipeline's publish) is the newer news.
        if (freshStart && !user && t.crashed && e.deploymentId == t.crashedDeployment) return;
        if (user) t.userAction = e.status == "in_progress";
        if (freshStart || (recovery && e.status == "done")) {
            if (freshStart || t.crashed || wasDown(e.appId))
                write = store::LiveCondition{"running", freshStart || !t.crashes ? "" : "restarted after " +
                                             std::to_string(t.crashes) + " crash(es) in a row", {}, {},
                                             freshStart ? 0 : t.crashes, {}};
            if (freshStart) t.crashes = 0;
            t.crashed = false;
            t.upSince = std::chrono::steady_clock::now();
        } else if (recovery && e.status == "in_progress" && t.crashed) {
            write = store::LiveCondition{"restarting", "restart " + std::to_string(t.crashes) + " under way", {}, {},
                                         t.crashes, {}};
        } else if (recovery && e.status == "failed") {
            crashes = ++t.crashes;
            t.crashed = true;
            write = store::LiveCondition{"crashed", "restart failed: " + e.error, {}, {}, crashes, {}};
        }
    }
    if (write) recorded(e.appId, *write);
    if (crashes) schedule(e.appId, delayFor(crashes));
}

// Stored as not running by an earlier process (rivetr restarted while the app was down).
bool AppSupervisor::wasDown(const std::string& appId) {
    auto app = deps_.apps.find(appId);
    return app && !app->condition.state.empty() && app->condition.state != "running";
}

std::chrono::milliseconds AppSupervisor::delayFor(int crashes) const {
    auto d = options_.firstRetry;
    for (int i = 1; i < crashes && d < options_.maxRetry; ++i) d *= 2;
    return std::min(d, options_.maxRetry);
}

void AppSupervisor::resync() {
    for (const auto& app : deps_.apps.list()) {
        if (app.liveDeploymentId && !app.stopped) schedule(app.id, std::chrono::milliseconds(0));
    }
}

// The earliest time wins: a start event does not wait behind a crash's back-off.
void AppSupervisor::schedule(const std::string& appId, std::chrono::milliseconds delay) {
    auto at = std::chrono::steady_clock::now() + delay;
    {
        std::lock_guard lock(mutex_);
        auto [it, added] = due_.emplace(appId, at);
        if (!added && at < it->second) it->second = at;
    }
    wake_.notify_all();
}

void AppSupervisor::timerLoop() {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
        auto next = std::min_element(due_.begin(), due_.end(), [](auto& a, auto& b) { return a.second < b.second; });
        if (next == due_.end()) {
            wake_.wait(lock);
            continue;
        }
        if (next->second > std::chrono::steady_clock::now()) {
            wake_.wait_until(lock, next->second);
            continue;
        }
        auto appId = next->first;
        due_.erase(next);
        lock.unlock();
        try {
            queueRecover_(appId);
        } catch (const std::exception& e) {
            log::warn("engine.recover_not_queued", {{"app", appId}, {"error", e.what()}});
        }
        lock.lock();
    }
}

}  // namespace rivetr::engine
