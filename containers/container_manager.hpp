// The Docker manager's containers: every container of every host, created, cloned, edited and acted on under one policy.
#pragma once

#include <chrono>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "containers/app_gateway.hpp"
#include "containers/container_config.hpp"
#include "containers/container_list_cache.hpp"
#include "containers/create_policy.hpp"
#include "containers/edit_recovery.hpp"
#include "hosts/host_directory.hpp"
#include "store/container_edit_journal.hpp"
#include "store/records.hpp"

namespace rivetr::containers {

// One container in a list; `appId` set when it belongs to a Rivetr app (label rivetr.app).
struct ContainerRow {
    std::string host;
    runtime::ContainerSummary summary;
    std::string appId, appName;
};

struct ListQuery {
    std::string host;                // "" the local engine, "*" every host
    runtime::ContainerQuery engine;  // state, name, image, label: passed to the engine
    std::string app;                 // an app's id: only its containers; "*": only apps' containers
    std::string search;              // case-insensitive, in id, names, image, status and labels
};

struct ListResult {
    std::vector<ContainerRow> rows;
    // Hosts that did not answer (an aggregate list never waits on them): host id -> why.
    std::vector<std::pair<std::string, std::string>> unreachable;
};

struct CreateOutcome {
    std::string id, name;
    bool started = false;
    std::vector<PolicyFinding> dangerous;  // what an admin used; for the audit
};

enum class ContainerAction { Start, Stop, Restart, Pause, Unpause, Kill, Remove };
const char* actionName(ContainerAction a);

struct ActionOptions {
    std::chrono::seconds grace{10};  // stop, restart
    std::string signal = "SIGKILL";  // kill
    bool force = false;              // remove a running container
    bool volumes = false;            // remove its anonymous volumes with it
};

// One edit the start-up recovery pass found unfinished, and what it did with it.
struct RecoveredEdit {
    store::ContainerEdit edit;
    std::optional<EditRecovery> outcome;  // nullopt: not recovered yet (its host is unreachable; next pass)
    std::string error;
};

struct BulkItem {
    std::string id;
    int status = 200;  // as the single action would answer
    std::string code, message;
};

// Thread-safe (each call reaches its host's runtime on its own). Every error is a ContainerError.
// Containers that belong to a Rivetr app: start/stop/restart go through the app's own action, every
// other change (remove, pause, kill, rename, edit) is refused with 409 naming the app.
class ContainerManager {
public:
    // `apps` may be null: then every change to an app's container is refused. `journal` may be null:
    // edits then keep no record, and a crash in the middle of one leaves what it left.
    ContainerManager(hosts::HostDirectory& hosts, PolicyOptions policy, AppGateway* apps,
                     store::ContainerEditJournal* journal = nullptr);

    // From now on a host's lists are answered from a cache while its event stream is open
    // (container_list_cache.hpp); every change made through this manager drops its host's entry.
    void enableListCache(ListCacheOptions options = {});
    ContainerListCache* listCache() { return listCache_.get(); }

    ListResult list(const ListQuery& query);
    // The engine's whole inspect document, with "rivetr": {"app_id", "app_name"} added.
    nlohmann::json inspect(const std::string& host, const std::string& id);
    // The editable config (what PUT takes), read back from the engine.
    ContainerConfig config(const std::string& host, const std::string& id);

    // policy -> create -> connect the other networks -> start. A failed step removes what it made.
    CreateOutcome create(const std::string& host, const ContainerConfig& config, store::Role role, bool start = true);
    // The source's config under a new name (rivetr.* labels dropped: a clone is nobody's app).
    CreateOutcome clone(const std::string& host, const std::string& id, const std::string& newName,
                        store::Role role, bool start = false);
    // Recreates with `patch` applied and everything else kept: the new container is created under a
    // temporary name, the old one stopped, the new one started and renamed; any failure removes the
    // new one and brings the old one back as it was (running if it ran). Each step is journaled
    // before it is taken, so a crash half-way is finished or rolled back by recoverEdits().
    CreateOutcome edit(const std::string& host, const std::string& id, const nlohmann::json& patch, store::Role role);
    // The recovery pass (at start-up, then periodically): every edit the journal says a crash or a failed
    // rollback left unfinished, and that no edit() call is still working on, is finished or rolled back
    // (edit_recovery.hpp); an edit whose host does not answer stays journaled for the next pass.
    std::vector<RecoveredEdit> recoverEdits();
    // Tests only: called at each step of an edit ("journaled", "created", "stopped", "started",
    // "parked", "renamed") and of every create between its policy check and the engine's create
    // ("policy_checked"); throwing from it stops the edit there as a crash would (nothing is undone,
    // as long as the exception is not a ContainerError).
    void setEditFaultPoint(std::function<void(const char* step)> fault) { fault_ = std::move(fault); }
    void rename(const std::string& host, const std::string& id, const std::string& newName);
    void act(const std::string& host, const std::string& id, ContainerAction action, const ActionOptions& options = {});
    // The action on each id, one result per id in order; one failing does not stop the others.
    std::vector<BulkItem> bulk(const std::string& host, const std::vector<std::string>& ids, ContainerAction action,
                               const ActionOptions& options = {});

    void logs(const std::string& host, const std::string& id, const runtime::LogOptions& options,
              const runtime::LogSink& sink);
    runtime::Stats stats(const std::string& host, const std::string& id);
    runtime::ProcessList top(const std::string& host, const std::string& id);
    // Every event of the host's engine until `cancel`.
    void events(const std::string& host, const std::function<void(const runtime::Event&)>& onEvent,
                const runtime::CancelToken& cancel);

private:
    std::shared_ptr<runtime::ContainerRuntime> engine(const std::string& host);
    std::vector<runtime::ContainerSummary> rowsOf(const std::string& host, const runtime::ContainerQuery& query);
    // Read-your-writes: what Rivetr changed on `host` is listed as it is now, whatever the events say yet.
    void changed(const std::string& host, const std::string& container);
    PolicyOptions policyFor(const std::string& host) const;
    CreateOutcome createOn(runtime::ContainerRuntime& rt, const std::string& host, ContainerConfig config,
                           store::Role role, bool start);
    std::string appNameOf(const std::string& appId);
    [[noreturn]] void refuseApp(const std::string& appId, const std::string& what);
    store::ContainerEdit journalEdit(const std::string& host, const nlohmann::json& old, const std::string& tempName,
                                     const std::string& finalName);
    void reached(const char* step, const char* scope = "edit") const;
    void replace(runtime::ContainerRuntime& rt, const store::ContainerEdit& edit, const nlohmann::json& old);
    void recreateOld(runtime::ContainerRuntime& rt, const store::ContainerEdit& edit);

    hosts::HostDirectory& hosts_;
    PolicyOptions policy_;
    AppGateway* apps_;
    store::ContainerEditJournal* journal_;
    std::function<void(const char*)> fault_;
    std::unique_ptr<ContainerListCache> listCache_;
    std::unique_ptr<EngineEventFollower> follower_;  // after the cache: its threads end first
};

}  // namespace rivetr::containers
