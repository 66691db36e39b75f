// Stacks as users manage them: files on disk, stored variables, validation, deploys recorded as revisions, lifecycle, and compose projects adopted from the engine.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "containers/create_policy.hpp"
#include "hosts/host_directory.hpp"
#include "stacks/compose_issue.hpp"
#include "stacks/stack_deployer.hpp"
#include "stacks/stack_error.hpp"
#include "stacks/stack_files.hpp"
#include "store/stack_repository.hpp"

namespace rivetr::stacks {

struct StackServiceState {
    std::string service, containerName, containerId, image, state, health;  // state "" : no container
};

struct StackSummary {
    std::string name;
    // rivetr: its files are in the stacks directory; adopted: a compose project found on the engine whose
    // config file Rivetr can read (editable); external: one whose file it cannot read (start/stop/down only).
    std::string source;
    std::string configFile;  // com.docker.compose.project.config_files of its containers, or ours
    std::vector<StackServiceState> services;
    int running = 0;
    std::string status;  // running | partial | stopped | not_deployed
    std::optional<store::StackRevision> lastRevision;
};

struct StackDetail {
    StackSummary summary;
    std::string composeFile, compose;
    std::optional<std::string> envFile;
    std::vector<store::StackVar> vars;  // secret values included: the API masks them
    std::optional<store::StackRevision> deployed;
};

struct StackInput {
    std::optional<std::string> compose;             // required at create
    std::optional<std::string> envFile;             // the .env file's bytes; nullopt: unchanged
    std::optional<std::vector<store::StackVar>> vars;  // stored variables; nullopt: unchanged
};

struct StackDeployRequest {
    bool pull = false;
    std::string service;  // "" all
    store::Role role = store::Role::viewer;
    std::string actor;
};

struct StackDeployOutcome {
    std::int64_t revision = 0;
    DeployResult result;
};

struct StackServiceOptions {
    std::filesystem::path stacksDir;
    std::filesystem::path homeDir;  // `~` in bind sources
    std::chrono::milliseconds readyTimeout{120000};
    std::chrono::seconds stopGrace{10};
};

// Thread-safe: operations on one stack are serialised (one mutex per stack); different stacks run in
// parallel. Every refusal is a StackError, a ComposeInvalid (400 with every issue) or a
// containers::ContainerError from the policy (403).
class StackService {
public:
    StackService(StackServiceOptions options, store::StackRepository& repo, std::shared_ptr<hosts::HostDirectory> hosts,
                 containers::PolicyOptions* policy);

    std::vector<StackSummary> list();
    StackDetail get(const std::string& name);
    // Validates without writing anything: the issues (empty when the file is valid).
    std::vector<ComposeIssue> validate(const std::string& name, const std::string& compose, const std::optional<std::string>& envFile,
                                       const std::vector<store::StackVar>& vars);
    StackDetail create(const std::string& name, const StackInput& input);
    StackDetail update(const std::string& name, const StackInput& input);
    // Down (keeping volumes unless asked) and the files and records go. Returns the down's result.
    DownResult remove(const std::string& name, bool removeVolumes);

    StackDeployOutcome deploy(const std::string& name, const StackDeployRequest& request);
    std::vector<std::string> start(const std::string& name, const std::string& service);
    std::vector<std::string> stop(const std::string& name, const std::string& service);
    std::vector<std::string> restart(const std::string& name, const std::string& service);
    DownResult down(const std::string& name, bool removeVolumes);
    std::vector<store::StackRevision> revisions(const std::string& name);
    // The stored variables alone (secret values included), for an edit that keeps the secrets it sends as null.
    std::vector<store::StackVar> storedVars(const std::string& name);
    // The stack's containers (one service's when `service` is set), for its merged logs; 404 when none.
    std::vector<StackServiceState> containers(const std::string& name, const std::string& service);
    // The engine the stacks run on (503 StackError when it does not answer).
    std::shared_ptr<runtime::ContainerRuntime> engineHandle();

    // At start-up: revisions a crash left `deploying` are marked failed and the replaces it interrupted
    // are finished or undone on the engine. Returns one line per thing done.
    std::vector<std::string> recover();

private:
    std::mutex& lockFor(const std::string& name);
    runtime::ContainerRuntime& engine();
    ComposeProject load(const std::string& name, const std::string& compose, const std::optional<std::string>& envFile,
                        const std::vector<store::StackVar>& vars, const std::filesystem::path& dir);
    // `compose`: the file's text when it could be read (the services it declares are listed without containers too).
    StackSummary summarise(const std::string& name, const std::string& source, const std::string& configFile,
                           const std::optional<std::string>& compose, const std::vector<runtime::ContainerSummary>& containers);
    void requireKnown(const std::string& name);

    StackServiceOptions options_;
    StackFiles files_;
    store::StackRepository& repo_;
    std::shared_ptr<hosts::HostDirectory> hosts_;
    containers::PolicyOptions* policy_;
    std::shared_ptr<runtime::ContainerRuntime> engineRef_;
    std::mutex locksMutex_;
    std::map<std::string, std::unique_ptr<std::mutex>> locks_;
};

}  // namespace rivetr::stacks
