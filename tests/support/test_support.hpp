// Helpers shared by every test: temporary directories, free ports, a small HTTP client, the Docker requirement.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "core/non_copyable.hpp"


namespace rivetr::test {

// A directory removed (recursively) when the object dies.
class TempDir : NonCopyable {
public:
    explicit TempDir(const std::string& prefix = "rivetr-test");
    ~TempDir();
    const std::filesystem::path& path() const { return path_; }
    std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

private:
    std::filesystem::path path_;
};

void writeFile(const std::filesystem::path& path, const std::string& content);
// Writes each file of `files` (path below `dir` → content), creating the directories on the way.
void writeFiles(const std::filesystem::path& dir, const std::map<std::string, std::string>& files);
std::string readFile(const std::filesystem::path& path);
// The content of a gzip member (an answer sent with Content-Encoding: gzip); throws if it is not one.
std::string gunzip(const std::string& gz);

// Resident memory of process `pid` in kB (VmRSS in /proc/<pid>/status), -1 when it cannot be read.
long rssKb(int pid);
// How far process `pid`'s resident memory rose above its size before `work` at its peak while `work` ran
// (sampled every `every`), in kB.
long peakRssGrowthKb(int pid, const std::function<void()>& work, std::chrono::milliseconds every = std::chrono::milliseconds(20));

// A TCP port on 127.0.0.1 that was free a moment ago.
int freePort();

struct HttpResponse {
    long status = 0;  // 0: no response (connection refused, timeout)
    std::string body;
    std::map<std::string, std::string> headers;  // lower-case names
    std::string error;
};

struct HttpRequest {
    std::string method = "GET";
    std::string url;
    std::vector<std::string> headers;  // "Name: value"
    std::string body;
    std::string unixSocket;
    std::chrono::milliseconds timeout{10000};
    // The TCP source address ("127.0.0.2": any 127/8 address reaches a server on 127.0.0.1), so a
    // test can be several clients, none of them our proxy.
    std::string sourceAddress;
};

HttpResponse http(const HttpRequest& req);
HttpResponse httpGet(const std::string& url, std::vector<std::string> headers = {});

// Polls until the URL answers with `status` or the deadline passes.
bool waitForHttp(const std::string& url, long status = 200,
                 std::chrono::milliseconds deadline = std::chrono::seconds(15));

// The Docker socket tests use: $DOCKER_HOST's unix path or /var/run/docker.sock.
std::string dockerSocket();
bool dockerAvailable();

// Tests that need Docker run; they never skip. scripts/test.sh starts dockerd when absent.
#define RIVETR_REQUIRE_DOCKER()                                                                         \
    do {                                                                                                \
        if (!::rivetr::test::dockerAvailable()) {                                                       \
            FAIL() << "this test needs a Docker daemon at " << ::rivetr::test::dockerSocket()         \
                   << "; run scripts/test.sh (it starts dockerd) or start dockerd yourself";            \
        }                                                                                               \
    } while (0)

// Path of the built `rivetr` binary (set by CTest).
std::filesystem::path rivetrBinary();
std::filesystem::path sourceDir();

}  // namespace rivetr::test
