// The client subcommands of the rivetr binary (talking to a running server); each returns its exit code.
#pragma once

#include <string>
#include <vector>

namespace rivetr::cli {

int runStatus(const std::vector<std::string>& args);
int runApps(const std::vector<std::string>& args);
int runEnv(const std::vector<std::string>& args);
int runDomains(const std::vector<std::string>& args);
int runDeploy(const std::vector<std::string>& args);
int runDeployments(const std::vector<std::string>& args);
int runRollback(const std::vector<std::string>& args);
int runCancel(const std::vector<std::string>& args);
int runTokens(const std::vector<std::string>& args);
int runPassword(const std::vector<std::string>& args);
int runCompletion(const std::vector<std::string>& args);
int runLogs(const std::vector<std::string>& args);

}  // namespace rivetr::cli
