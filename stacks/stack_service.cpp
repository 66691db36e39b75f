// The stack service: where files, stored variables, the engine's view and the deployer meet, one stack at a time.
#include "stacks/stack_service.hpp"

#include <algorithm>
#include <set>

#include "core/file_write.hpp"
#include "core/text.hpp"
#include "stacks/compose_labels.hpp"
#include "stacks/compose_loader.hpp"
#include "stacks/dotenv.hpp"
#include "stacks/service_replace.hpp"
#include "stacks/stack_name.hpp"

namespace rivetr::stacks {
namespace {

void requireValidName(const std::string& name) {
    if (!isValidStackName(name)) throw StackError(400, "invalid_stack_name", stackNameRule(), "name");
}

VariableLookup lookupOver(const std::vector<DotenvEntry>& dotenv, const std::vector<store::StackVar>& vars) {
    return [dotenv, vars](std::string_view name) -> std::optional<std::string> {
        for (const auto& e : dotenv)
            if (e.key == name) return e.value;
        for (const auto& v : vars)
            if (v.key == name) return v.value;
        return std::nullopt;
    };
}

void checkVarKeys(const std::vector<store::StackVar>& vars) {
    std::set<std::string> seen;
    for (const auto& v : vars) {
        if (!isVariableName(v.key))
            throw StackError(400, "invalid_env", "variable name \"" + v.key + "\" is not [A-Za-z_][A-Za-z0-9_]* (at most 256)", "env");
        if (!seen.insert(v.key).second) throw StackError(400, "invalid_env", "variable \"" + v.key + "\" is given twice", "env");
    }
}

}  // namespace

StackService::StackService(StackServiceOptions options, store::StackRepository& repo, std::shared_ptr<hosts::HostDirectory> hosts,
                           containers::PolicyOptions* policy)
    : options_(std::move(options)), files_(options_.stacksDir), repo_(repo), hosts_(std::move(hosts)), policy_(policy) {}

std::mutex& StackService::lockFor(const std::string& name) {
    std::lock_guard lock(locksMutex_);
    auto& m = locks_[name];
    if (!m) m = std::make_unique<std::mutex>();
    return *m;
}

runtime::ContainerRuntime& StackService::engine() {
    try {
        engineRef_ = hosts_->runtimeFor("");
        return *engineRef_;
    } catch (const runtime::RuntimeError& e) {
        throw StackError(503, "engine_unreachable", std::string("the container engine does not answer: ") + e.what());
    }
}

ComposeProject StackService::load(const std::string& name, const std::string& compose, const std::optional<std::string>& envFile,
                                  const std::vector<store::StackVar>& vars, const std::filesystem::path& dir) {
    std::vector<DotenvEntry> dotenv;
    if (envFile) {
        try {
            dotenv = parseDotenv(*envFile);
        } catch (const DotenvError& e) {
            throw ComposeInvalid({{".env", e.line(), "", e.what()}});
        }
    }
    ComposeSource source;
    source.text = compose;
    source.directory = dir;
    source.projectName = name;
    source.variables = lookupOver(dotenv, vars);
    source.homeDir = options_.homeDir;
    return loadCompose(source);
}

std::vector<ComposeIssue> StackService::validate(const std::string& name, const std::string& compose,
                                                 const std::optional<std::string>& envFile, const std::vector<store::StackVar>& vars) {
    requireValidName(name);
    checkVarKeys(vars);
    try {
        load(name, compose, envFile, vars, files_.directory(name));
        return {};
    } catch (const ComposeInvalid& e) {
        return e.issues();
    }
}

StackDetail StackService::create(const std::string& name, const StackInput& input) {
    requireValidName(name);
    if (!input.compose) throw StackError(400, "invalid_stack", "a stack needs `compose`: the compose file's text", "compose");
    std::lock_guard lock(lockFor(name));
    if (files_.read(name)) throw StackError(409, "stack_exists", "a stack named \"" + name + "\" exists", "name");
    auto vars = input.vars.value_or(std::vector<store::StackVar>{});
    checkVarKeys(vars);
    load(name, *input.compose, input.envFile, vars, files_.directory(name));  // throws ComposeInvalid: nothing written
    files_.write(name, *input.compose, input.envFile);
    repo_.replaceVars(name, vars);
    return get(name);
}

StackDetail StackService::update(const std::string& name, const StackInput& input) {
    requireValidName(name);
    std::unique_lock lock(lockFor(name));
    auto current = files_.read(name);
    if (!current) throw StackError(404, "stack_not_found", "no stack \"" + name + "\" in the stacks directory", "name");
    auto vars = input.vars ? *input.vars : repo_.vars(name);
    checkVarKeys(vars);
    std::string compose = input.compose.value_or(current->compose);
    auto envFile = input.envFile ? input.envFile : current->env;
    load(name, compose, envFile, vars, current->directory);
    files_.write(name, compose, input.envFile);
    if (input.vars) repo_.replaceVars(name, vars);
    lock.unlock();
    return get(name);
}

void StackService::requireKnown(const std::string& name) {
    requireValidName(name);
    if (files_.read(name)) return;
    if (engine().queryContainers(labels::projectQuery(name)).empty()) throw StackError(404, "stack_not_found", "no stack \"" + name + "\"", "name");
}

StackDeployOutcome StackService::deploy(const std::string& name, const StackDeployRequest& request) {
    requireValidName(name);
    std::lock_guard lock(lockFor(name));
    auto files = files_.read(name);
    if (!files) throw StackError(404, "stack_not_found", "no stack \"" + name + "\" with a compose file", "name");
    auto vars = repo_.vars(name);
    ComposeProject project = load(name, files->compose, files->env, vars, files->directory);
    project.configFile = (files->directory / files->composeFile).string();
    for (const VolumeDecl& v : project.volumes)
        if (!v.external) containers::checkVolumePolicy({v.name, v.driver.empty() ? "local" : v.driver, v.labels, v.driverOpts}, request.role, *policy_);
    DeployOptions options;
    options.pull = request.pull;
    if (!request.service.empty()) options.service = request.service;
    options.readyTimeout = options_.readyTimeout;
    options.stopGrace = options_.stopGrace;
    options.checkPolicy = [this, role = request.role](const ServicePlan& plan) { containers::checkCreatePolicy(plan.create.body, role, *policy_); };
    auto& rt = engine();
    std::int64_t revision = repo_.beginRevision(name, files->compose, files->env, request.actor);
    try {
        DeployResult result = StackDeployer(rt).deploy(project, options);
        repo_.finishRevision(name, revision, "deployed");
        return {revision, std::move(result)};
    } catch (const StackDeployFailed& e) {
        repo_.finishRevision(name, revision, "failed", std::string(e.what()), e.service());
        throw StackError(422, "deploy_failed", e.what(), e.service());
    } catch (const std::exception& e) {
        repo_.finishRevision(name, revision, "failed", std::string(e.what()));
        throw;
    }
}

std::vector<std::string> StackService::start(const std::string& name, const std::string& service) {
    requireKnown(name);
    std::lock_guard lock(lockFor(name));
    return StackDeployer(engine()).start(name, service);
}

std::vector<std::string> StackService::stop(const std::string& name, const std::string& service) {
    requireKnown(name);
    std::lock_guard lock(lockFor(name));
    return StackDeployer(engine()).stop(name, service, options_.stopGrace);
}

std::vector<std::string> StackService::restart(const std::string& name, const std::string& service) {
    requireKnown(name);
    std::lock_guard lock(lockFor(name));
    return StackDeployer(engine()).restart(name, service, options_.stopGrace);
}

DownResult StackService::down(const std::string& name, bool removeVolumes) {
    requireKnown(name);
    std::lock_guard lock(lockFor(name));
    return StackDeployer(engine()).down(name, removeVolumes, options_.stopGrace);
}

DownResult StackService::remove(const std::string& name, bool removeVolumes) {
    requireKnown(name);
    std::lock_guard lock(lockFor(name));
    DownResult out = StackDeployer(engine()).down(name, removeVolumes, options_.stopGrace);
    files_.remove(name);
    repo_.removeStack(name);
    return out;
}

std::vector<store::StackVar> StackService::storedVars(const std::string& name) {
    requireValidName(name);
    return repo_.vars(name);
}

std::vector<store::StackRevision> StackService::revisions(const std::string& name) {
    requireValidName(name);
    return repo_.revisions(name);
}

std::vector<StackServiceState> StackService::containers(const std::string& name, const std::string& service) {
    requireValidName(name);
    std::vector<StackServiceState> out;
    for (const auto& c : engine().queryContainers(labels::projectQuery(name, service)))
        if (!isSetAside(c)) out.push_back({labels::valueOf(c, labels::kService), labels::nameOf(c), c.id, c.image, c.state, ""});
    if (out.empty()) throw StackError(404, "stack_not_running", "stack \"" + name + "\" has no containers" + (service.empty() ? "" : " for service \"" + service + "\""), "name");
    return out;
}

std::shared_ptr<runtime::ContainerRuntime> StackService::engineHandle() {
    engine();
    return engineRef_;
}

std::vector<std::string> StackService::recover() {
    std::vector<std::string> done;
    for (const auto& stack : repo_.failInterrupted()) {
        done.push_back(stack + ": a deploy Rivetr did not finish is marked failed");
        for (auto& line : recoverInterruptedReplaces(engine(), stack)) done.push_back(stack + ": " + line);
    }
    return done;
}

}  // namespace rivetr::stacks
