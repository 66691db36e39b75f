// A compose project as Rivetr deploys it: services in the container manager's vocabulary plus what compose adds around them.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "containers/container_config.hpp"
#include "runtime/runtime_types.hpp"

namespace rivetr::stacks {

enum class DependencyCondition { Started, Healthy, CompletedSuccessfully };

struct Dependency {
    std::string service;
    DependencyCondition condition = DependencyCondition::Started;
    bool restart = false;   // recreate/restart the dependent when Rivetr restarts this dependency
    bool required = true;   // false: a dependency left out (by a profile) is not an error
};

struct BuildSpec {
    std::string context;     // absolute, resolved against the stack directory
    std::string dockerfile;  // relative to the context ("" : Dockerfile)
    std::string target;
    std::vector<std::pair<std::string, std::string>> args;
};

// A service's attachment to a network named by its key in the file (resolved to the engine's name
// when the project is planned).
struct ServiceNetwork {
    std::string key;
    std::vector<std::string> aliases;
    std::string ipv4Address, ipv6Address;
};

// A secret or config file mounted read-only into the service.
struct ServiceFile {
    std::string key;     // the top-level secrets:/configs: key
    std::string target;  // absolute path in the container
};

struct ServiceSpec {
    std::string name;
    int line = 0;  // where its key is, for issues found later (policy, planning)
    // The container as the manager would create it. Named volume mounts carry the file's volume key as
    // source and networks are left empty: the planner maps both to the project's engine names.
    containers::ContainerConfig container;
    std::string containerName;  // container_name, "" for <project>-<service>-1
    std::optional<BuildSpec> build;
    std::vector<Dependency> dependsOn;
    std::vector<ServiceNetwork> networks;  // empty and no network_mode: the project's default network
    std::vector<ServiceFile> secrets, configs;
    std::vector<std::string> profiles;
    std::string pullPolicy;  // always | missing | never | build | "" (missing)
};

struct NetworkDecl {
    std::string key;   // as written under networks:
    std::string name;  // the engine's: <project>_<key>, or `name:`, or the external one
    bool external = false;
    std::string driver;
    std::map<std::string, std::string> driverOpts;
    runtime::Labels labels;
    bool internal = false, attachable = false, enableIpv6 = false;
    std::vector<std::string> subnets;  // ipam.config[].subnet
};

struct VolumeDecl {
    std::string key;
    std::string name;  // <project>_<key>, or `name:`, or the external one
    bool external = false;
    std::string driver;
    std::map<std::string, std::string> driverOpts;
    runtime::Labels labels;
};

// A top-level secrets:/configs: entry backed by a file on the host.
struct FileDecl {
    std::string key;
    std::string file;  // absolute
};

struct ComposeProject {
    std::string name;
    std::string workingDir;   // the stack directory (absolute)
    std::string configFile;   // the compose file (absolute)
    std::vector<ServiceSpec> services;  // in file order, profile-disabled ones left out
    std::vector<NetworkDecl> networks;  // the default network included when a service uses it
    std::vector<VolumeDecl> volumes;
    std::vector<FileDecl> secrets, configs;
    std::vector<std::string> unsetVariables;  // interpolated as "" (compose warns about them)
    std::vector<std::string> createDirectories;  // missing bind directories under the stack directory

    const ServiceSpec* service(const std::string& name) const;
    const NetworkDecl* network(const std::string& key) const;
    const VolumeDecl* volume(const std::string& key) const;
};

}  // namespace rivetr::stacks
