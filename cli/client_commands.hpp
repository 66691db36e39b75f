// The client subcommands of the rivetr binary (talking to a running server); each returns its exit code.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/client_command.hpp"
#include "cli/sse_client.hpp"
#include "cli/command_registry.hpp"

namespace rivetr::cli {

// A started deployment (the server's 202 {deployment_id}): followed to its end with --wait, else
// announced as `what`; the exit code. Shared by deploy, redeploy and env set --redeploy.
int reportStarted(ClientCall& c, const std::string& app, const nlohmann::json& started, const std::string& what);

// One line of a log reply or stream ({stream, line}): stderr lines to stderr, or the JSON with --json.
void printLogLine(const nlohmann::json& line, bool asJson);
// Prints the "log" events of the SSE stream at `streamPath` until Ctrl-C (exit 0) or its end.
int followLogStream(ClientCall& c, const std::string& streamPath);
// Calls `onEvent` for each event of the SSE stream at `streamPath` until Ctrl-C (then returns normally) or its end.
void followUntilInterrupted(ClientCall& c, const std::string& streamPath, const SseParser::OnEvent& onEvent);

int runStatus(const std::vector<std::string>& args);
int runApps(const std::vector<std::string>& args);
int runEnv(const std::vector<std::string>& args);
int runDomains(const std::vector<std::string>& args);
int runDeploy(const std::vector<std::string>& args);
int runRedeploy(const std::vector<std::string>& args);
int runDeployments(const std::vector<std::string>& args);
int runRollback(const std::vector<std::string>& args);
int runCancel(const std::vector<std::string>& args);
int runTokens(const std::vector<std::string>& args);
int runPassword(const std::vector<std::string>& args);
int runCompletion(const std::vector<std::string>& args);
int runLogs(const std::vector<std::string>& args);
int runWebhooks(const std::vector<std::string>& args);
int runHosts(const std::vector<std::string>& args);
int runPolicy(const std::vector<std::string>& args);
int runImages(const std::vector<std::string>& args);
// A volume's content (cli/volume_content_command.cpp): the browse, cat, backup and restore subcommands of
// `volumes`, their specs for the registry and their runners for runVolumes.
std::vector<SubcommandSpec> volumeContentSubcommands();
SubcommandRunners volumeContentRunners();
int runVolumes(const std::vector<std::string>& args);
int runContainers(const std::vector<std::string>& args);
int runNetworks(const std::vector<std::string>& args);
int runStacks(const std::vector<std::string>& args);
int runTemplates(const std::vector<std::string>& args);

}  // namespace rivetr::cli
