// One `rivetr serve` process as a user runs it (own free ports and data dir, RIVETR_* settings), and its clients.
#pragma once

#include <gtest/gtest.h>
#include <signal.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/non_copyable.hpp"
#include "core/subprocess.hpp"
#include "tests/support/test_support.hpp"

namespace rivetr::test {

// Runs the built `rivetr` binary with `args` to completion.
inline RunResult runRivetr(std::vector<std::string> args, const SpawnOptions& o = {}) {
    args.insert(args.begin(), rivetrBinary().string());
    return run(args, o);
}

// Every whole-binary test starts its servers through this: the ports, the data dir and the place of
// the log are decided once here; a test only adds the settings it is about.
class ServeProcess : NonCopyable {
public:
    // Runs in `workDir` (no rivetr.toml there: built-in defaults unless a test passes --config);
    // `dataDir` defaults to workDir/data.
    explicit ServeProcess(std::filesystem::path work, std::filesystem::path data = {})
        : workDir(std::move(work)), dataDir(data.empty() ? workDir / "data" : std::move(data)) {}

    std::filesystem::path workDir, dataDir;
    int apiPort = freePort(), proxyPort = freePort(), httpsPort = freePort();
    // RIVETR_* variables of the next start, over the ports and data dir above (which they may override).
    std::map<std::string, std::string> env;
    std::optional<Process> process;

    // Starts `rivetr serve <args>` and returns at once (for a start that is meant to fail).
    void spawn(const std::vector<std::string>& args = {}) {
        SpawnOptions o;
        o.workingDir = workDir;
        o.stdoutFile = logFile_ = workDir / ("serve-" + std::to_string(apiPort) + "-" + std::to_string(++starts_) + ".log");
        o.env = {{"RIVETR_SERVER_API_PORT", std::to_string(apiPort)},
                 {"RIVETR_SERVER_HOST", "127.0.0.1"},
                 {"RIVETR_SERVER_PROXY_PORT", std::to_string(proxyPort)},
                 {"RIVETR_SERVER_PROXY_HTTPS_PORT", std::to_string(httpsPort)},
                 {"RIVETR_SERVER_DATA_DIR", dataDir.string()}};
        for (const auto& [k, v] : env) o.env[k] = v;
        std::vector<std::string> argv{rivetrBinary().string(), "serve"};
        argv.insert(argv.end(), args.begin(), args.end());
        process = Process::spawn(argv, o);
    }

    // Starts and waits until /health answers 200; the failure carries the server's output.
    ::testing::AssertionResult start(const std::vector<std::string>& args = {}) {
        spawn(args);
        if (waitForHttp(url("/health"), 200, std::chrono::seconds(30))) return ::testing::AssertionSuccess();
        return ::testing::AssertionFailure() << "rivetr serve did not answer /health:\n" << output();
    }

    // Sends `sig` and reaps the server: its exit code (nullopt if none was running or it did not exit).
    std::optional<int> stop(int sig = SIGTERM) {
        if (!process) return std::nullopt;
        process->signal(sig);
        auto code = process->wait(std::chrono::seconds(20));
        process.reset();
        return code;
    }

    // What the latest start printed (stdout and stderr).
    std::string output() const { return logFile_.empty() ? "" : readFile(logFile_); }
    std::string url(const std::string& path = "") const { return "http://127.0.0.1:" + std::to_string(apiPort) + path; }

    // The admin token: the configured one, else the one generated on first start.
    std::string adminToken() const {
        if (auto it = env.find("RIVETR_AUTH_ADMIN_TOKEN"); it != env.end()) return it->second;
        auto t = readFile(dataDir / "admin_token");
        return t.substr(0, t.find_last_not_of('\n') + 1);
    }
    std::vector<std::string> auth() const { return {"Authorization: Bearer " + adminToken()}; }

    // An API call as the admin (a JSON body, when given).
    HttpResponse call(const std::string& method, const std::string& path, const std::string& body = "") const {
        HttpRequest req;
        req.method = method;
        req.url = url(path);
        req.headers = auth();
        req.headers.push_back("Content-Type: application/json");
        req.body = body;
        req.timeout = std::chrono::seconds(60);
        return http(req);
    }

    // A request to the proxy's HTTP port for `host`.
    HttpResponse viaProxy(const std::string& host, const std::string& path = "/") const {
        HttpRequest req;
        req.url = "http://127.0.0.1:" + std::to_string(proxyPort) + path;
        req.headers = {"Host: " + host};
        return http(req);
    }

    // The CLI as a user of this server runs it (RIVETR_URL and RIVETR_TOKEN set).
    RunResult cli(std::vector<std::string> args, const std::map<std::string, std::string>& extraEnv = {},
                  bool mergeStderr = true) const {
        SpawnOptions o;
        o.env = {{"RIVETR_URL", url()}, {"RIVETR_TOKEN", adminToken()}};
        for (const auto& [k, v] : extraEnv) o.env[k] = v;
        o.mergeStderr = mergeStderr;
        return runRivetr(std::move(args), o);
    }

private:
    std::filesystem::path logFile_;
    int starts_ = 0;
};

}  // namespace rivetr::test
