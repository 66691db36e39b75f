// Tests only: a second dockerd in its own network namespace, entered with nsenter (ip netns exec breaks dockerd).
#include "hosts/testing/second_engine.hpp"

#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <stdexcept>
#include <thread>

#include "core/file_write.hpp"
#include "core/http_client.hpp"
#include "tests/support/test_support.hpp"

namespace rivetr::hosts::testing {
namespace {

void mustRun(const std::vector<std::string>& argv) {
    auto r = run(argv);
    if (r.exitCode != 0) throw std::runtime_error(argv[0] + " " + argv[1] + " failed: " + r.output);
}

// The containerd dockerd started, if it outlived dockerd (a SIGKILL): only ours, found by its pid file
// under our exec-root.
void stopOrphanedContainerd(const std::filesystem::path& execRoot) {
    const auto pidFile = execRoot / "containerd" / "containerd.pid";
    if (!std::filesystem::exists(pidFile)) return;
    const int pid = std::atoi(test::readFile(pidFile).c_str());
    if (pid <= 1) return;
    const auto cmdline = test::readFile("/proc/" + std::to_string(pid) + "/cmdline");
    if (cmdline.find(execRoot.string()) != std::string::npos) ::kill(pid, SIGKILL);
}

bool answers(const std::filesystem::path& socket) {
    http::Request req;
    req.url = "http://localhost/_ping";
    req.unixSocket = socket.string();
    req.timeout = std::chrono::milliseconds(1000);
    return http::perform(req).status == 200;
}

}  // namespace

GracefulChild::~GracefulChild() {
    process_.signal(SIGTERM);
    if (!process_.wait(grace_)) process_.signal(SIGKILL);
    process_.wait();
}

// A namespace with a veth pair to it: a /30 of the shared address space 100.64.0.0/10, .1 here and
// .2 inside. Deleting the namespace deletes the pair.
struct SecondEngine::Namespace {
    std::string name;
    Namespace(const std::string& n, const std::string& hostIp, const std::string& nsIp) : name(n) {
        mustRun({"ip", "netns", "add", name});
        try {
            const std::string outside = "rv" + name.substr(3) + "a", inside = "rv" + name.substr(3) + "b";
            mustRun({"ip", "link", "add", outside, "type", "veth", "peer", "name", inside, "netns", name});
            mustRun({"ip", "addr", "add", hostIp + "/30", "dev", outside});
            mustRun({"ip", "link", "set", outside, "up"});
            mustRun({"ip", "-n", name, "addr", "add", nsIp + "/30", "dev", inside});
            mustRun({"ip", "-n", name, "link", "set", inside, "up"});
            mustRun({"ip", "-n", name, "link", "set", "lo", "up"});
        } catch (...) {
            run({"ip", "netns", "del", name});
            throw;
        }
    }
    ~Namespace() { run({"ip", "netns", "del", name}); }
    std::vector<std::string> enter() const { return {"nsenter", "--net=/run/netns/" + name}; }
};

SecondEngine::SecondEngine(const std::filesystem::path& dir) : dir_(dir), socket_(dir / "docker.sock") {
    // One /30 per (process, engine): tests run in parallel processes, each with its own engine, so
    // the subnet and the names come from the pid (unique among running processes; 2^18 pids apart
    // would be needed to collide) and a per-process counter.
    static std::atomic<unsigned> counter{0};
    const unsigned c = counter++ % 4;
    const unsigned base = ((static_cast<unsigned>(::getpid()) % (1u << 18)) * 4 + c) * 4;  // within 2^22
    const auto ip = [base](unsigned host) {
        const unsigned a = base + host;
        return "100." + std::to_string(64 + (a >> 16)) + "." + std::to_string((a >> 8) & 255) + "." + std::to_string(a & 255);
    };
    nsIp_ = ip(2);
    std::filesystem::create_directories(dir_);
    certs_ = makeTestCertificates(dir_ / "certs", {nsIp_});
    ns_ = std::make_unique<Namespace>("rvh" + std::to_string(::getpid()) + std::to_string(c), ip(1), nsIp_);
    auto drop = ns_->enter();
    drop.insert(drop.end(), {"iptables", "-A", "INPUT", "-p", "tcp", "--dport", "2377", "-j", "DROP"});
    mustRun(drop);
    writeFileChecked(dir_ / "daemon.json", "{}\n");  // not the machine's /etc/docker/daemon.json
    auto argv = ns_->enter();
    argv.insert(argv.end(), {"dockerd", "--config-file", (dir_ / "daemon.json").string(), "--data-root",
                             (dir_ / "data").string(), "--exec-root", (dir_ / "exec").string(), "--pidfile",
                             (dir_ / "docker.pid").string(), "-H", "unix://" + socket_.string(), "-H",
                             "tcp://" + tlsAddress(), "--tlsverify", "--tlscacert", certs_.caPem.string(),
                             "--tlscert", certs_.serverPem.string(), "--tlskey", certs_.serverKey.string(),
                             "--iptables=false", "--ip-masq=false", "--bridge=none"});
    SpawnOptions opts;
    opts.stdoutFile = dir_ / "dockerd.log";
    dockerd_ = std::make_unique<GracefulChild>(Process::spawn(argv, opts), std::chrono::seconds(15));
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (!answers(socket_)) {
        if (!dockerd_->process().running() || std::chrono::steady_clock::now() > deadline)
            throw std::runtime_error("the second dockerd did not start: " + test::readFile(dir_ / "dockerd.log"));
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
}

SecondEngine::~SecondEngine() {
    dockerd_.reset();
    stopOrphanedContainerd(dir_ / "exec");
    ns_.reset();
}

std::string SecondEngine::docker(const std::vector<std::string>& args) const {
    std::vector<std::string> argv{"docker", "-H", "unix://" + socket_.string()};
    argv.insert(argv.end(), args.begin(), args.end());
    SpawnOptions opts;
    opts.mergeStderr = false;
    auto r = run(argv, opts);
    if (r.exitCode != 0) throw std::runtime_error("docker " + args[0] + " failed");
    return r.output;
}

}  // namespace rivetr::hosts::testing
