// The structured service keys (build, networks, depends_on, healthcheck, deploy, logging ...), each read into the model.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "stacks/compose_model.hpp"
#include "stacks/yaml_read.hpp"

namespace rivetr::stacks {

// Sets KEY in an ordered env list: replaced in place when present, appended otherwise.
void setEnv(std::vector<std::pair<std::string, std::string>>& env, const std::string& key, const std::string& value);

// `build: ./dir` or {context, dockerfile, args, target}; the context resolved against the stack directory.
std::optional<BuildSpec> readBuildSpec(const YamlNode& node, const YamlAt& at, const std::filesystem::path& stackDir);
// `expose: ["80", "9000/udp"]` as the engine's ExposedPorts object.
std::optional<nlohmann::json> readExpose(const YamlNode& node, const YamlAt& at);
// A list of network keys, or a mapping key -> null | {aliases, ipv4_address, ipv6_address, priority}.
std::optional<std::vector<ServiceNetwork>> readServiceNetworks(const YamlNode& node, const YamlAt& at);
// A list of service names (condition service_started), or a mapping with condition/restart/required.
std::optional<std::vector<Dependency>> readDependsOn(const YamlNode& node, const YamlAt& at);
// {test, interval, timeout, retries, start_period, disable}; `test: NONE` or `disable: true` turns the image's off.
std::optional<containers::HealthcheckSpec> readHealthcheck(const YamlNode& node, const YamlAt& at);
// deploy.resources limits/reservations and restart_policy applied without Swarm; replicas must be 1.
bool readDeploy(ServiceSpec& service, const YamlNode& node, const YamlAt& at);
// ["host:ip"], ["host=ip"] or {host: ip} as the engine's "host:ip" list.
std::optional<nlohmann::json> readExtraHosts(const YamlNode& node, const YamlAt& at);
// {driver, options} as the engine's LogConfig.
std::optional<nlohmann::json> readLogging(const YamlNode& node, const YamlAt& at);
// {nofile: 1024} or {nofile: {soft, hard}} as the engine's Ulimits list.
std::optional<nlohmann::json> readUlimits(const YamlNode& node, const YamlAt& at);
// `secrets:`/`configs:` of a service: names, or {source, target}; a relative target goes under `base`.
std::optional<std::vector<ServiceFile>> readServiceFiles(const YamlNode& node, const YamlAt& at, const std::string& base);
// `env_file`: a path, a list of paths, or a list of {path, required}; (path, required) pairs.
std::optional<std::vector<std::pair<std::string, bool>>> readEnvFileList(const YamlNode& node, const YamlAt& at);

}  // namespace rivetr::stacks
