// The Docker manager's containers: list, inspect, create/clone/edit under the policy, the actions, bulk, and app ownership.
#include "containers/container_manager.hpp"

#include <algorithm>
#include <map>
#include <regex>

#include "containers/container_error.hpp"
#include "containers/container_query_match.hpp"
#include "containers/engine_config.hpp"
#include "core/at_exit.hpp"
#include "core/failpoint.hpp"
#include "core/ids.hpp"
#include "core/text.hpp"
#include "hosts/host_fanout.hpp"
#include "runtime/naming.hpp"

namespace rivetr::containers {
namespace {

using Json = nlohmann::json;

bool matchesSearch(const runtime::ContainerSummary& s, const std::string& needle) {
    if (needle.empty()) return true;
    auto has = [&](const std::string& hay) { return asciiLower(hay).find(needle) != std::string::npos; };
    if (has(s.id) || has(s.image) || has(s.status) || has(s.state)) return true;
    if (std::any_of(s.names.begin(), s.names.end(), has)) return true;
    return std::any_of(s.labels.begin(), s.labels.end(), [&](const auto& l) { return has(l.first + "=" + l.second); });
}

std::string appOf(const runtime::Labels& labels) {
    auto it = labels.find(runtime::kAppLabel);
    return it == labels.end() ? "" : it->second;
}

void checkName(const std::string& name) {
    static const std::regex pattern("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");
    if (!std::regex_match(name, pattern)) invalidField("name", "name must be a container name ([A-Za-z0-9][A-Za-z0-9_.-]*)");
}

// A free name beside `name` for the moments an edit holds two containers (and stays a valid name).
std::string sideName(const std::string& name, const char* role) {
    return name.substr(0, 90) + "-rivetr-" + role + "-" + newId("x").substr(2, 8);
}

// The container's config and its inspect document (`doc`), told apart from its image's defaults.
ContainerConfig loadConfig(runtime::ContainerRuntime& rt, const std::string& id, Json& doc) {
    return onEngine([&] {
        doc = rt.inspectContainerJson(id);
        Json image;
        try {
            image = rt.inspectImageJson(doc.value("Image", ""));
        } catch (const runtime::RuntimeError&) {
            // The image is gone: nothing to tell inherited values from, everything counts as the container's.
        }
        return configFromInspect(doc, image);
    });
}

const Json& labelsOf(const Json& doc) {
    static const Json none = Json::object();
    auto cfg = doc.find("Config");
    if (cfg == doc.end() || !cfg->is_object()) return none;
    auto labels = cfg->find("Labels");
    return labels != cfg->end() && labels->is_object() ? *labels : none;
}

// What the manager creates is nobody's app, even from an app's image or as a clone of an app's
// container. A label the image gives cannot be dropped, only overridden: rivetr.* ones are set empty,
// which neither the engine's filters (rivetr.app=<id>, rivetr.managed=true) nor the manager take for an app.
void disownAppLabels(runtime::ContainerRuntime& rt, ContainerConfig& config) {
    for (auto& [key, value] : config.labels)
        if (isReservedLabel(key)) value.clear();
    Json image;
    try {
        image = rt.inspectImageJson(config.image);
    } catch (const runtime::RuntimeError&) {
        return;  // an image that is not there fails the create itself, with the engine's message
    }
    for (auto it = labelsOf(image).begin(); it != labelsOf(image).end(); ++it)
        if (isReservedLabel(it.key())) config.labels[it.key()] = "";
}

// The named volume as the host's engine has it; nullopt when it does not exist yet. Any other failure
// throws: the policy is not judged on a guess.
std::optional<runtime::VolumeInfo> findVolume(runtime::VolumeStore& volumes, const std::string& name) {
    try {
        return volumes.inspectVolume(name);
    } catch (const runtime::RuntimeError& e) {
        if (e.kind() == runtime::ErrorKind::NotFound) return std::nullopt;
        throw;
    }
}

std::chrono::seconds stopGrace(const Json& doc) {
    const Json& cfg = doc.value("Config", Json::object());
    auto it = cfg.find("StopTimeout");
    return std::chrono::seconds(it != cfg.end() && it->is_number_integer() ? it->get<int>() : 10);
}

}  // namespace

const char* actionName(ContainerAction a) {
    switch (a) {
        case ContainerAction::Start: return "start";
        case ContainerAction::Stop: return "stop";
        case ContainerAction::Restart: return "restart";
        case ContainerAction::Pause: return "pause";
        case ContainerAction::Unpause: return "unpause";
        case ContainerAction::Kill: return "kill";
        case ContainerAction::Remove: return "remove";
    }
    return "?";
}

ContainerManager::ContainerManager(hosts::HostDirectory& hosts, PolicyOptions policy, AppGateway* apps,
                                   store::ContainerEditJournal* journal)
    : hosts_(hosts), policy_(std::move(policy)), apps_(apps), journal_(journal) {}

std::shared_ptr<runtime::ContainerRuntime> ContainerManager::engine(const std::string& host) {
    auto rt = onEngine([&] { return hosts_.runtimeFor(host); });
    if (!rt) throw ContainerError(503, "engine_unavailable", "the engine of host '" + host + "' is unreachable");
    return rt;
}

// Symlinks resolve only on the machine Rivetr runs on; a remote host's paths are judged as written.
PolicyOptions ContainerManager::policyFor(const std::string& host) const {
    PolicyOptions p = policy_;
    if (p.currentBindRoots) p.allowedBindRoots = p.currentBindRoots();
    if (!host.empty() && host != hosts::kLocalHost) p.resolve = nullptr;
    return p;
}

std::string ContainerManager::appNameOf(const std::string& appId) {
    std::string name = apps_ ? apps_->appName(appId) : "";
    return name.empty() ? appId : name;
}

void ContainerManager::refuseApp(const std::string& appId, const std::string& what) {
    throw ContainerError(409, "app_container",
                         "this container belongs to the app '" + appNameOf(appId) + "': " + what +
                             " it through the app, not the Docker manager");
}

void ContainerManager::enableListCache(ListCacheOptions options) {
    auto& hosts = hosts_;  // the reader outlives no manager, but a moved manager must not be reached through `this`
    auto runtimeOf = [&hosts](const std::string& host) {
        auto rt = hosts.runtimeFor(host);
        if (!rt) throw runtime::RuntimeError(runtime::ErrorKind::DaemonUnavailable, "the engine of host '" + host + "' is unreachable");
        return rt;
    };
    EngineListReader reader{
        [runtimeOf](const std::string& host) { return runtimeOf(host)->queryContainers({}); },
        [runtimeOf](const std::string& host, const std::string& id) { return runtimeOf(host)->inspectContainer(id).state; }};
    follower_.reset();
    listCache_ = std::make_unique<ContainerListCache>(std::move(reader), options);
    follower_ = std::make_unique<EngineEventFollower>(hosts_, *listCache_);
}

void ContainerManager::changed(const std::string& host, const std::string& container) {
    if (listCache_) listCache_->invalidate(host.empty() ? hosts::kLocalHost : host, container);
}

std::vector<runtime::ContainerSummary> ContainerManager::rowsOf(const std::string& host, const runtime::ContainerQuery& q) {
    auto rt = engine(host);  // an unknown host is a 404 before anything is kept for it
    if (listCache_ && answerableFromList(q)) {
        follower_->follow(host);
        if (auto all = onEngine([&] { return listCache_->list(host); })) {
            std::erase_if(*all, [&](const runtime::ContainerSummary& row) { return !matchesQuery(row, q); });
            return std::move(*all);
        }
    }
    return onEngine([&] { return rt->queryContainers(q); });
}

ListResult ContainerManager::list(const ListQuery& q) {
    ListResult out;
    runtime::ContainerQuery engineQuery = q.engine;
    if (!q.app.empty()) engineQuery.labels[runtime::kAppLabel] = q.app == "*" ? "" : q.app;
    auto found = hosts::askHosts(hosts_, q.host, [&](const std::string& host) {
        return rowsOf(host, engineQuery);
    });
    for (auto& u : found.unreachable) out.unreachable.emplace_back(u.host, u.error);  // an aggregate shows the others
    std::string needle = asciiLower(q.search);
    std::map<std::string, std::string> names;  // app id -> name, asked once per list
    for (auto& [host, summaries] : found.answers) {
        for (auto& s : summaries) {
            if (!matchesSearch(s, needle)) continue;
            ContainerRow row{host, std::move(s), "", ""};
            row.appId = appOf(row.summary.labels);
            if (!row.appId.empty() && !names.count(row.appId)) names[row.appId] = appNameOf(row.appId);
            if (!row.appId.empty()) row.appName = names[row.appId];
            out.rows.push_back(std::move(row));
        }
    }
    return out;
}

Json ContainerManager::inspect(const std::string& host, const std::string& id) {
    Json doc = onEngine([&] { return engine(host)->inspectContainerJson(id); });
    std::string app = labelsOf(doc).value(runtime::kAppLabel, "");
    doc["rivetr"] = {{"app_id", app.empty() ? Json(nullptr) : Json(app)},
                     {"app_name", app.empty() ? Json(nullptr) : Json(appNameOf(app))}};
    return doc;
}

ContainerConfig ContainerManager::config(const std::string& host, const std::string& id) {
    Json doc;
    return loadConfig(*engine(host), id, doc);
}

CreateOutcome ContainerManager::createOn(runtime::ContainerRuntime& rt, const std::string& host,
                                         ContainerConfig config, store::Role role, bool start) {
    if (!config.name.empty()) checkName(config.name);
    disownAppLabels(rt, config);
    CreatePlan plan = toCreatePlan(config);
    PolicyOptions policy = policyFor(host);
    policy.findVolume = [&rt](const std::string& name) { return findVolume(rt, name); };
    CreateOutcome out{"", config.name, false, onEngine([&] { return checkCreatePolicy(plan.body, role, policy); })};
    reached("policy_checked", "create");
    out.id = onEngine([&] { return rt.createContainerFromJson(plan.name, plan.body); });
    try {
        onEngine([&] {
            // Judged again now that the container holds its named volumes (the engine removes no volume a
            // container uses): one made a bind in disguise between the check and the create (a plain
            // volume replaced, or a missing one made first) is judged as what the container got.
            out.dangerous = checkCreatePolicy(plan.body, role, policy);
            // Engine API 1.41 takes one network at create: the others join before the first start.
            for (const auto& n : plan.laterNetworks)
                rt.connectEndpoint(n.name, out.id, {n.aliases, n.ipv4Address, n.ipv6Address});
            if (start) rt.startContainer(out.id);
        });
    } catch (...) {
        try {
            rt.removeContainer(out.id, {.force = true, .volumes = true});
        } catch (const runtime::RuntimeError&) {
        }
        throw;
    }
    out.started = start;
    if (out.name.empty()) out.name = onEngine([&] { return rt.inspectContainer(out.id).name; });
    return out;
}

CreateOutcome ContainerManager::create(const std::string& host, const ContainerConfig& config, store::Role role,
                                       bool start) {
    for (const auto& [k, v] : config.labels)
        if (isReservedLabel(k)) invalidField("labels." + k, "labels under rivetr. are Rivetr's own");
    AtExit done{[&] { changed(host, ""); }};
    auto rt = engine(host);
    return createOn(*rt, host, config, role, start);
}

CreateOutcome ContainerManager::clone(const std::string& host, const std::string& id, const std::string& newName,
                                      store::Role role, bool start) {
    checkName(newName);
    AtExit done{[&] { changed(host, ""); }};
    auto rt = engine(host);
    Json doc;
    ContainerConfig c = loadConfig(*rt, id, doc);
    c.name = newName;
    return createOn(*rt, host, c, role, start);
}

CreateOutcome ContainerManager::edit(const std::string& host, const std::string& id, const Json& patch, store::Role role) {
    AtExit done{[&] { changed(host, id); }};
    auto rt = engine(host);
    Json old;
    ContainerConfig c = loadConfig(*rt, id, old);
    std::string app = labelsOf(old).value(runtime::kAppLabel, "");
    if (!app.empty()) refuseApp(app, "edit");
    applyConfigPatch(c, patch);
    keepAnonymousVolumes(c, old);
    std::string finalName = c.name;
    checkName(finalName);
    c.name = sideName(finalName, "edit");
    store::ContainerEdit e = journalEdit(host, old, c.name, finalName);
    // However this call ends, the edit is no longer under way: left unfinished, it is the recovery pass's.
    AtExit hold{[&] {
        if (journal_) journal_->release(e.id);
    }};
    reached("journaled");
    CreateOutcome out;
    try {
        out = createOn(*rt, host, c, role, false);
    } catch (const ContainerError&) {
        if (journal_) journal_->finish(e.id);  // refused, or failed and already cleaned up by createOn
        throw;
    }
    e.newId = out.id;
    e.step = store::EditStep::Swap;
    if (journal_) journal_->advance(e.id, store::EditStep::Swap, out.id);
    reached("created");
    replace(*rt, e, old);
    out.name = finalName;
    out.started = e.wasRunning;
    return out;
}

// Written down before the edit changes anything: where it will park the old container and what the
// old one was (its whole inspect document), so recovery can always bring one of them back.
store::ContainerEdit ContainerManager::journalEdit(const std::string& host, const Json& old, const std::string& tempName,
                                                   const std::string& finalName) {
    std::string oldName = old.value("Name", "").substr(1);
    store::ContainerEdit e{newId("ced"), host,  old.value("Id", ""), oldName,
                           finalName,    tempName, sideName(oldName, "old"), "",
                           old["State"].value("Running", false), store::EditStep::Create, old.dump(), 0};
    if (journal_) journal_->begin(e);
    return e;
}

// Where a crash test stops an edit (or a create): in process through the fault point, in `rivetr serve`
// through RIVETR_TEST_FAILPOINTS=containers.<scope>.<step>=pause:<ms> (then SIGKILL).
void ContainerManager::reached(const char* step, const char* scope) const {
    if (fault_) fault_(step);
    failpoint(std::string("containers.") + scope + "." + step);
}

// Swaps the edited container in: stop old, start new, park old, rename new, remove old. On an engine
// failure the journaled recovery rolls it back (the new one goes, the old one is back under its name,
// running if it ran), the same code that recovers an edit a crash interrupted.
void ContainerManager::replace(runtime::ContainerRuntime& rt, const store::ContainerEdit& e, const Json& old) {
    try {
        onEngine([&] {
            if (e.wasRunning) rt.stopContainer(e.oldId, stopGrace(old));
            reached("stopped");
            if (e.wasRunning) rt.startContainer(e.newId);
            reached("started");
            rt.renameContainer(e.oldId, e.parkedName);
            reached("parked");
            rt.renameContainer(e.newId, e.finalName);
            if (journal_) journal_->advance(e.id, store::EditStep::Cleanup);
            reached("renamed");
        });
    } catch (const ContainerError& failure) {
        std::string outcome = "the old container was restored";
        try {
            recoverEdit(rt, e, [&] { recreateOld(rt, e); });
            if (journal_) journal_->finish(e.id);
        } catch (const std::exception& again) {
            outcome = std::string("restoring the old container failed too (") + again.what() +
                      "); the recovery pass retries it";
        }
        throw ContainerError(failure.status(), failure.code(), "the edit failed and " + outcome + ": " + failure.what(),
                             failure.field());
    }
    // Its anonymous volumes are the new container's now: removed without them.
    onEngine([&] { rt.removeContainer(e.oldId, {.force = true, .volumes = false}); });
    if (journal_) journal_->finish(e.id);
}

// Neither the old container nor the new one is left: the old one again, from its journaled inspect
// document (as it was, so with the admin's say: the policy judged it when it was made).
void ContainerManager::recreateOld(runtime::ContainerRuntime& rt, const store::ContainerEdit& e) {
    ContainerConfig c = configFromInspect(Json::parse(e.oldInspect), Json());
    c.name = e.oldName;
    createOn(rt, e.host, c, store::Role::admin, e.wasRunning);
}

std::vector<RecoveredEdit> ContainerManager::recoverEdits() {
    std::vector<RecoveredEdit> out;
    if (!journal_) return out;
    for (auto& e : journal_->unfinished()) {
        RecoveredEdit r{e, std::nullopt, ""};
        try {
            auto rt = engine(e.host);
            r.outcome = onEngine([&] { return recoverEdit(*rt, e, [&] { recreateOld(*rt, e); }); });
            journal_->finish(e.id);
        } catch (const std::exception& failure) {
            r.error = failure.what();
        }
        out.push_back(std::move(r));
    }
    return out;
}

void ContainerManager::rename(const std::string& host, const std::string& id, const std::string& newName) {
    checkName(newName);
    AtExit done{[&] { changed(host, id); }};
    auto rt = engine(host);
    std::string app = appOf(onEngine([&] { return rt->inspectContainer(id); }).labels);
    if (!app.empty()) refuseApp(app, "rename");
    onEngine([&] { rt->renameContainer(id, newName); });
}

void ContainerManager::act(const std::string& host, const std::string& id, ContainerAction action,
                           const ActionOptions& o) {
    AtExit done{[&] { changed(host, id); }};
    auto rt = engine(host);
    std::string app = appOf(onEngine([&] { return rt->inspectContainer(id); }).labels);
    if (!app.empty()) {
        static const std::map<ContainerAction, AppVerb> viaApp{
            {ContainerAction::Start, AppVerb::Start}, {ContainerAction::Stop, AppVerb::Stop}, {ContainerAction::Restart, AppVerb::Restart}};
        auto verb = viaApp.find(action);
        if (verb == viaApp.end() || !apps_) refuseApp(app, actionName(action));
        return apps_->act(app, verb->second);
    }
    onEngine([&] {
        switch (action) {
            case ContainerAction::Start: return rt->startContainer(id);
            case ContainerAction::Stop: return rt->stopContainer(id, o.grace);
            case ContainerAction::Restart: return rt->restartContainer(id, o.grace);
            case ContainerAction::Pause: return rt->pauseContainer(id);
            case ContainerAction::Unpause: return rt->unpauseContainer(id);
            case ContainerAction::Kill: return rt->killContainer(id, o.signal);
            case ContainerAction::Remove: return rt->removeContainer(id, {.force = o.force, .volumes = o.volumes});
        }
    });
}

std::vector<BulkItem> ContainerManager::bulk(const std::string& host, const std::vector<std::string>& ids,
                                             ContainerAction action, const ActionOptions& options) {
    if (ids.empty() || ids.size() > 1000) invalidField("ids", "ids must name 1 to 1000 containers");
    std::vector<BulkItem> out;
    for (const auto& id : ids) {
        BulkItem item{id, 200, "ok", ""};
        try {
            act(host, id, action, options);
        } catch (const ContainerError& e) {
            item = {id, e.status(), e.code(), e.what()};
        }
        out.push_back(std::move(item));
    }
    return out;
}

void ContainerManager::logs(const std::string& host, const std::string& id, const runtime::LogOptions& options,
                            const runtime::LogSink& sink) {
    auto rt = engine(host);
    onEngine([&] { rt->logs(id, options, sink); });
}

runtime::Stats ContainerManager::stats(const std::string& host, const std::string& id) {
    auto rt = engine(host);
    return onEngine([&] { return rt->stats(id); });
}

runtime::ProcessList ContainerManager::top(const std::string& host, const std::string& id) {
    auto rt = engine(host);
    return onEngine([&] { return rt->top(id); });
}

void ContainerManager::events(const std::string& host, const std::function<void(const runtime::Event&)>& onEvent,
                              const runtime::CancelToken& cancel) {
    auto rt = engine(host);
    onEngine([&] { rt->events({}, onEvent, cancel); });
}

}  // namespace rivetr::containers
