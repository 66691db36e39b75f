// Test helper: real git repositories made with the git CLI (fixtures only; production code never runs git).
#include "core/git/git_test_repo.hpp"

#include <fstream>
#include <random>
#include <stdexcept>

#include "core/subprocess.hpp"

namespace rivetr::git::test {

std::string runGit(const std::filesystem::path& dir, const std::vector<std::string>& args) {
    std::vector<std::string> argv{"git", "-c", "protocol.file.allow=always", "-c", "init.defaultBranch=main"};
    argv.insert(argv.end(), args.begin(), args.end());
    SpawnOptions opts;
    opts.workingDir = dir;
    opts.env = {{"GIT_AUTHOR_NAME", "Ada Tester"},     {"GIT_AUTHOR_EMAIL", "ada@example.test"},
                {"GIT_COMMITTER_NAME", "Ada Tester"},  {"GIT_COMMITTER_EMAIL", "ada@example.test"},
                {"GIT_CONFIG_NOSYSTEM", "1"},          {"GIT_CONFIG_GLOBAL", "/dev/null"}};
    auto r = run(argv, opts);
    if (r.exitCode != 0) {
        std::string cmd;
        for (const auto& a : args) cmd += " " + a;
        throw std::runtime_error("git" + cmd + " failed: " + r.output);
    }
    return r.output;
}

TestRepo::TestRepo(std::filesystem::path dir) : dir_(std::move(dir)) {
    std::filesystem::create_directories(dir_);
    git({"init", "-q", "-b", "main"});
}

void TestRepo::write(const std::string& relPath, const std::string& content) const {
    auto p = dir_ / relPath;
    std::filesystem::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << content;
}

std::string TestRepo::commit(const std::string& message) const {
    git({"add", "-A"});
    git({"commit", "-q", "-m", message});
    auto sha = git({"rev-parse", "HEAD"});
    while (!sha.empty() && (sha.back() == '\n')) sha.pop_back();
    return sha;
}

std::unique_ptr<Source> sourceAt(const std::filesystem::path& dataDir, const std::filesystem::path& extraCa) {
    SourceOptions o;
    o.dataDir = dataDir;
    o.extraCaFile = extraCa;
    o.allowLocalRepositories = true;  // fixtures live on this disk
    return makeLibgit2Source(o);
}

std::string incompressible(std::size_t size, unsigned seed) {
    std::mt19937 rng(seed);
    std::string s(size, '\0');
    for (auto& c : s) c = static_cast<char>(rng() & 0xff);
    return s;
}

}  // namespace rivetr::git::test
