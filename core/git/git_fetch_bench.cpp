// Benchmark (not a test): deploy-time fetch of a one-commit change into the per-app cache on a
// ~5,000-commit repository, against a fresh `git clone --depth 1` of the same repository.
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>

#include "core/git/git_test_repo.hpp"
#include "core/git/source.hpp"
#include "core/subprocess.hpp"
#include "core/log.hpp"

namespace {

using Clock = std::chrono::steady_clock;
using rivetr::git::test::runGit;

double msSince(Clock::time_point t) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

// A fast-import stream of `commits` commits, each changing one of 200 ~2 KB files.
void writeHistory(const std::filesystem::path& file, int first, int commits, bool continues) {
    std::ofstream out(file, std::ios::binary);
    for (int i = first; i < first + commits; ++i) {
        std::string content = "file " + std::to_string(i % 200) + " revision " + std::to_string(i) + "\n";
        while (content.size() < 2000) content += "line of text for revision " + std::to_string(i) + "\n";
        std::string msg = "commit " + std::to_string(i) + "\n";
        out << "commit refs/heads/main\n"
            << "committer Bench <bench@example.test> " << (1700000000 + i) << " +0000\n"
            << "data " << msg.size() << "\n" << msg;
        if (i == first && continues) out << "from refs/heads/main^0\n";
        out << "M 100644 inline src/f" << (i % 200) << ".txt\n"
            << "data " << content.size() << "\n" << content << "\n";
    }
}

void fastImport(const std::filesystem::path& repo, const std::filesystem::path& stream) {
    rivetr::SpawnOptions o;
    o.workingDir = repo;
    o.stdinFile = stream;
    auto r = rivetr::run({"git", "fast-import", "--quiet"}, o);
    if (r.exitCode != 0) throw std::runtime_error("fast-import failed: " + r.output);
}

}  // namespace

int main() {
    rivetr::log::init("warn");
    auto root = std::filesystem::temp_directory_path() / ("rivetr-git-bench-" + std::to_string(::getpid()));
    std::filesystem::create_directories(root / "upstream");
    auto upstream = root / "upstream";
    runGit(upstream, {"init", "-q", "--bare"});
    auto t0 = Clock::now();
    writeHistory(root / "history.fi", 0, 5000, false);
    fastImport(upstream, root / "history.fi");
    std::printf("made 5000-commit repository in %.0f ms\n", msSince(t0));

    auto source = rivetr::git::test::sourceAt(root / "data");
    rivetr::git::FetchRequest req;
    req.appId = "app_bench";
    req.url = "file://" + upstream.string();
    req.ref = "main";
    t0 = Clock::now();
    auto first = source->checkout(req);
    std::printf("first deploy (clone into cache + checkout): %.0f ms, %llu objects, %llu bytes\n", msSince(t0),
                static_cast<unsigned long long>(first.fetched.receivedObjects),
                static_cast<unsigned long long>(first.fetched.receivedBytes));

    for (int round = 0; round < 3; ++round) {
        writeHistory(root / "one.fi", 5000 + round, 1, true);
        fastImport(upstream, root / "one.fi");
        t0 = Clock::now();
        auto next = source->checkout(req);
        double fetchMs = msSince(t0);
        std::filesystem::remove_all(root / "shallow");
        t0 = Clock::now();
        runGit(root, {"clone", "-q", "--depth", "1", "--no-local", req.url, (root / "shallow").string()});
        double cloneMs = msSince(t0);
        std::printf("round %d: incremental fetch + checkout %.1f ms (%llu objects, %llu bytes) | "
                    "git clone --depth 1 %.1f ms\n",
                    round + 1, fetchMs, static_cast<unsigned long long>(next.fetched.receivedObjects),
                    static_cast<unsigned long long>(next.fetched.receivedBytes), cloneMs);
    }
    std::filesystem::remove_all(root);
    return 0;
}
