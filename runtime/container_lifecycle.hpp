// The runtime seam's container role: create, start, stop, inspect, list and remove containers.
#pragma once

#include <chrono>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "runtime/cancel_token.hpp"
#include "runtime/runtime_types.hpp"

namespace rivetr::runtime {

// Id or name accepted wherever `id` is asked.
class ContainerLifecycle {
public:
    virtual ~ContainerLifecycle() = default;

    virtual std::string createContainer(const ContainerSpec& spec) = 0;  // returns the id
    // create + start; a container whose start fails is removed again, so nothing leaks.
    virtual std::string runContainer(const ContainerSpec& spec) = 0;
    virtual void startContainer(const std::string& id) = 0;
    virtual void stopContainer(const std::string& id, std::chrono::seconds grace) = 0;
    virtual void killContainer(const std::string& id, const std::string& signal = "SIGKILL") = 0;
    virtual void restartContainer(const std::string& id, std::chrono::seconds grace) = 0;
    virtual void pauseContainer(const std::string& id) = 0;
    virtual void unpauseContainer(const std::string& id) = 0;
    virtual void renameContainer(const std::string& id, const std::string& newName) = 0;
    virtual void removeContainer(const std::string& id, const RemoveOptions& options = {}) = 0;
    virtual ContainerInfo inspectContainer(const std::string& id) = 0;
    virtual std::vector<ContainerSummary> listContainers(const LabelFilter& labels, bool includeStopped = true) = 0;
    // Blocks until the container is not running; returns its exit code.
    virtual int waitContainer(const std::string& id, const CancelToken& cancel) = 0;

    // The Docker manager's view: every container the query names, whoever made it.
    virtual std::vector<ContainerSummary> queryContainers(const ContainerQuery& query) = 0;
    // The engine's own inspect document, whole: what the manager's inspect view shows and searches,
    // and what a clone or an edit rebuilds its create body from (typed fields would lose settings).
    virtual nlohmann::json inspectContainerJson(const std::string& id) = 0;
    // Creates from a create body in the engine's API vocabulary (Config with HostConfig and
    // NetworkingConfig), built and policy-checked by containers/. API 1.41 takes ONE network here: the
    // caller connects the others (NetworkStore::connectEndpoint) before the first start. Returns the id.
    virtual std::string createContainerFromJson(const std::string& name, const nlohmann::json& body) = 0;
};

}  // namespace rivetr::runtime
