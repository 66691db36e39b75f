// scripts/install.sh and scripts/package.sh as an operator runs them, installing into a throwaway root: the
// layout and modes, a unit systemd-analyze accepts, checksum and OS refusals that install nothing, --dry-run
// that writes nothing, idempotent re-runs and uninstall.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <map>
#include <regex>
#include <sstream>

#include "core/subprocess.hpp"
#include "core/version.hpp"
#include "tests/support/test_support.hpp"

namespace rivetr {
namespace {

namespace fs = std::filesystem;

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

struct FileState {
    unsigned mode = 0;
    uid_t uid = 0;
    std::string content;  // regular files; the target for links
    bool operator==(const FileState&) const = default;
};

// Every path under `root` with its mode, owner and content: equal snapshots mean nothing was written.
std::map<std::string, FileState> snapshot(const fs::path& root) {
    std::map<std::string, FileState> out;
    for (auto it = fs::recursive_directory_iterator(root); it != fs::recursive_directory_iterator(); ++it) {
        struct stat st {};
        ::lstat(it->path().c_str(), &st);
        FileState s{st.st_mode, st.st_uid, ""};
        if (it->is_symlink()) s.content = fs::read_symlink(it->path()).string();
        else if (it->is_regular_file()) s.content = test::readFile(it->path());
        out[fs::relative(it->path(), root).string()] = s;
    }
    return out;
}

unsigned modeOf(const fs::path& p) {
    struct stat st {};
    ::lstat(p.c_str(), &st);
    return st.st_mode & 07777;
}
uid_t ownerOf(const fs::path& p) {
    struct stat st {};
    ::lstat(p.c_str(), &st);
    return st.st_uid;
}

// The third field of NAME's line in an /etc/passwd or /etc/group file.
long idIn(const fs::path& file, const std::string& name) {
    std::smatch m;
    auto text = test::readFile(file);
    std::regex line("(^|\n)" + name + ":[^:]*:([0-9]+):");
    return std::regex_search(text, m, line) ? std::stol(m[2]) : -1;
}

class Installer : public ::testing::Test {
protected:
    test::TempDir dir{"rivetr-installer"};
    fs::path root = dir / "root";
    fs::path tarball;  // rivetr-<version>-linux-<arch>.tar.gz, named in SetUp
    fs::path sums = dir / "SHA256SUMS";

    void SetUp() override {
        // A Debian-like root: os-release and the account files useradd --prefix edits.
        fs::create_directories(root / "etc");
        fs::copy_file("/etc/os-release", root / "etc/os-release");
        test::writeFile(root / "etc/passwd", "root:x:0:0:root:/root:/bin/sh\n");
        test::writeFile(root / "etc/group", "root:x:0:\n");
        test::writeFile(root / "etc/shadow", "root:*:19000:0:99999:7:::\n");
        test::writeFile(root / "etc/gshadow", "root:*::\n");
        fs::permissions(root / "etc/shadow", fs::perms(0640), fs::perm_options::replace);
        fs::permissions(root / "etc/gshadow", fs::perms(0640), fs::perm_options::replace);
        auto arch = run({"uname", "-m"}).output;
        arch.erase(arch.find_last_not_of('\n') + 1);
        tarball = dir / ("rivetr-" + std::string(RIVETR_VERSION) + "-linux-" + arch + ".tar.gz");
    }

    // A release tarball laid out as package.sh makes it, holding a stand-in binary.
    void fakeRelease() {
        auto top = dir / "pkg" / tarball.filename().string().substr(0, tarball.filename().string().size() - 7);
        test::writeFile(top / "bin/rivetr", "#!/bin/sh\necho 'rivetr " + std::string(RIVETR_VERSION) + "'\n");
        fs::permissions(top / "bin/rivetr", fs::perms(0755), fs::perm_options::replace);
        test::writeFile(top / "share/rivetr/rivetr.example.toml", "# example\n");
        ASSERT_EQ(run({"tar", "-czf", tarball.string(), "-C", (dir / "pkg").string(), top.filename().string()}).exitCode, 0);
        writeSums();
    }
    void writeSums() {
        SpawnOptions o;
        o.workingDir = dir.path();
        o.mergeStderr = false;
        auto r = run({"sha256sum", tarball.filename().string()}, o);
        ASSERT_EQ(r.exitCode, 0);
        test::writeFile(sums, r.output);
    }
    RunResult install(std::vector<std::string> args) {
        args.insert(args.begin(), {"sh", (test::sourceDir() / "scripts/install.sh").string()});
        return run(args);
    }
    RunResult installIntoRoot(std::vector<std::string> extra = {}) {
        std::vector<std::string> args{"--root", root.string(), "--tarball", tarball.string(), "--sums", sums.string()};
        args.insert(args.end(), extra.begin(), extra.end());
        return install(args);
    }
};

TEST_F(Installer, InstallsIntoARootWithTheRightLayoutAndModes) {
    fakeRelease();
    auto r = installIntoRoot();
    ASSERT_EQ(r.exitCode, 0) << r.output;
    EXPECT_TRUE(has(r.output, "verified: " + tarball.filename().string())) << r.output;

    long uid = idIn(root / "etc/passwd", "rivetr");
    long gid = idIn(root / "etc/group", "rivetr");
    ASSERT_GT(uid, 0) << test::readFile(root / "etc/passwd");
    EXPECT_TRUE(std::regex_search(test::readFile(root / "etc/group"), std::regex("(^|\n)docker:[^\n]*:rivetr(\n|$)")))
        << "rivetr must be in group docker:\n" << test::readFile(root / "etc/group");
    EXPECT_TRUE(has(test::readFile(root / "etc/passwd"), ":/var/lib/rivetr:/usr/sbin/nologin"));

    EXPECT_EQ(modeOf(root / "usr/local/bin/rivetr"), 0755u);
    EXPECT_EQ(run({(root / "usr/local/bin/rivetr").string()}).output, "rivetr " + std::string(RIVETR_VERSION) + "\n");
    EXPECT_EQ(test::readFile(root / "usr/local/share/rivetr/rivetr.example.toml"), "# example\n");
    EXPECT_EQ(modeOf(root / "etc/rivetr"), 0750u);
    EXPECT_EQ(modeOf(root / "etc/rivetr/rivetr.toml"), 0600u);
    EXPECT_EQ(ownerOf(root / "etc/rivetr/rivetr.toml"), static_cast<uid_t>(uid));
    EXPECT_EQ(modeOf(root / "var/lib/rivetr"), 0700u);
    EXPECT_EQ(ownerOf(root / "var/lib/rivetr"), static_cast<uid_t>(uid));
    struct stat st {};
    ::stat((root / "etc/rivetr").c_str(), &st);
    EXPECT_EQ(st.st_gid, static_cast<gid_t>(gid));
    EXPECT_EQ(modeOf(root / "etc/systemd/system/rivetr.service"), 0644u);
    EXPECT_TRUE(fs::is_symlink(root / "etc/systemd/system/multi-user.target.wants/rivetr.service"));
    EXPECT_TRUE(has(r.output, "Admin token: auth.admin_token in /etc/rivetr/rivetr.toml")) << r.output;

    // The generated configuration: loopback-only control API, fresh secrets, accepted by rivetr itself.
    auto config = test::readFile(root / "etc/rivetr/rivetr.toml");
    EXPECT_TRUE(has(config, "api_host = \"127.0.0.1\"")) << config;
    EXPECT_TRUE(std::regex_search(config, std::regex("encryption_key = \"[0-9a-f]{64}\""))) << "no generated key";
    EXPECT_TRUE(std::regex_search(config, std::regex("admin_token = \"rvt_[0-9a-f]{48}\""))) << "no generated token";
    std::smatch token;
    ASSERT_TRUE(std::regex_search(config, token, std::regex("rvt_[0-9a-f]{48}")));
    EXPECT_FALSE(has(r.output, token.str())) << "a secret was printed";
    auto check = run({test::rivetrBinary().string(), "config", "check", "--config", (root / "etc/rivetr/rivetr.toml").string()});
    EXPECT_EQ(check.exitCode, 0) << check.output;
}

TEST_F(Installer, TheUnitPassesSystemdAnalyzeVerifyAndIsHardened) {
    fakeRelease();
    ASSERT_EQ(installIntoRoot().exitCode, 0);
    // verify resolves the units the service depends on inside the root: give it the system's.
    fs::create_directories(root / "usr/lib/systemd");
    fs::copy("/lib/systemd/system", root / "usr/lib/systemd/system", fs::copy_options::recursive | fs::copy_options::copy_symlinks);
    auto r = run({"systemd-analyze", "verify", "--root=" + root.string(), "/etc/systemd/system/rivetr.service"});
    EXPECT_EQ(r.exitCode, 0) << r.output;
    EXPECT_EQ(r.output, "") << "systemd-analyze warned about the unit";
    auto unit = test::readFile(root / "etc/systemd/system/rivetr.service");
    for (const char* line : {"ProtectSystem=strict", "ProtectHome=yes", "ProtectProc=invisible", "PrivateTmp=yes", "NoNewPrivileges=yes",
                             "CapabilityBoundingSet=CAP_NET_BIND_SERVICE", "AmbientCapabilities=CAP_NET_BIND_SERVICE",
                             "StateDirectory=rivetr", "SystemCallFilter=@system-service", "LockPersonality=yes",
                             "Restart=on-failure", "User=rivetr", "RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6"}) {
        EXPECT_TRUE(has(unit, std::string(line) + "\n")) << line;
    }
    // systemd's own exposure score (0 best, 10 worst; 1.7 when written): fail if a change weakens it past 2.5.
    auto security = run({"systemd-analyze", "security", "--offline=true", "--threshold=25", "--root=" + root.string(),
                         "/etc/systemd/system/rivetr.service"});
    EXPECT_EQ(security.exitCode, 0) << security.output;
    // The same text package.sh ships and --print-unit prints.
    EXPECT_EQ(install({"--print-unit"}).output, unit);
}

TEST_F(Installer, ASecondRunChangesNothingAndKeepsTheSecrets) {
    fakeRelease();
    ASSERT_EQ(installIntoRoot().exitCode, 0);
    auto before = snapshot(root);
    auto again = installIntoRoot();
    ASSERT_EQ(again.exitCode, 0) << again.output;
    EXPECT_EQ(snapshot(root), before);
    EXPECT_TRUE(has(again.output, "unchanged: /etc/rivetr/rivetr.toml")) << again.output;
    // The only command a re-run issues is the (idempotent) enable.
    std::string commands, line;
    std::istringstream lines(again.output);
    while (std::getline(lines, line)) {
        if (line.rfind("+ ", 0) == 0) commands += line + "\n";
    }
    EXPECT_EQ(commands, "+ systemctl --root=" + root.string() + " enable rivetr.service\n");
}

TEST_F(Installer, AChecksumMismatchRefusesAndInstallsNothing) {
    fakeRelease();
    auto before = snapshot(root);
    test::writeFile(sums, std::string(64, '0') + "  " + tarball.filename().string() + "\n");
    auto r = installIntoRoot();
    EXPECT_NE(r.exitCode, 0);
    EXPECT_TRUE(has(r.output, "checksum mismatch for " + tarball.filename().string())) << r.output;
    EXPECT_EQ(snapshot(root), before);

    // A tarball SHA256SUMS does not list is refused the same way.
    test::writeFile(sums, std::string(64, '0') + "  other.tar.gz\n");
    auto unlisted = installIntoRoot();
    EXPECT_NE(unlisted.exitCode, 0);
    EXPECT_TRUE(has(unlisted.output, "has no checksum for")) << unlisted.output;
    EXPECT_EQ(snapshot(root), before);
}

TEST_F(Installer, AnotherDistributionIsRefusedClearly) {
    fakeRelease();
    test::writeFile(root / "etc/os-release", "NAME=\"Fedora Linux\"\nID=fedora\nVERSION_ID=39\n");
    auto before = snapshot(root);
    auto r = installIntoRoot();
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_TRUE(has(r.output, "supports Debian and Ubuntu only (found ID=fedora)")) << r.output;
    EXPECT_EQ(snapshot(root), before);
    // Ubuntu (and Debian derivatives naming it in ID_LIKE) are accepted.
    test::writeFile(root / "etc/os-release", "NAME=\"Ubuntu\"\nID=ubuntu\nID_LIKE=debian\nPRETTY_NAME=\"Ubuntu 24.04 LTS\"\n");
    auto ubuntu = installIntoRoot({"--dry-run"});
    EXPECT_EQ(ubuntu.exitCode, 0) << ubuntu.output;
    EXPECT_TRUE(has(ubuntu.output, "system: Ubuntu 24.04 LTS"));
}

TEST_F(Installer, DryRunListsEveryActionAndWritesNothing) {
    fakeRelease();
    auto before = snapshot(root);
    auto r = installIntoRoot({"--dry-run"});
    ASSERT_EQ(r.exitCode, 0) << r.output;
    EXPECT_EQ(snapshot(root), before);
    for (const char* action : {"useradd --prefix", "--groups docker", "install -m 0755", "/usr/local/bin/rivetr",
                               "write: /etc/rivetr/rivetr.toml (mode 0600)", "write: /etc/systemd/system/rivetr.service",
                               "systemctl --root=", "Dry run finished: nothing was changed."}) {
        EXPECT_TRUE(has(r.output, action)) << action << "\n" << r.output;
    }
    // On the real system (no --root): the package and service steps are listed too, and nothing appears.
    bool hadUnit = fs::exists("/etc/systemd/system/rivetr.service"), hadConfig = fs::exists("/etc/rivetr");
    auto host = install({"--dry-run", "--runtime", "podman"});
    ASSERT_EQ(host.exitCode, 0) << host.output;
    for (const char* action : {"apt-get update", "apt-get install", "docker.io", "libpistache0", "podman catatonit",
                               "curl -fsSL -o SHA256SUMS", "write: /etc/containers/containers.conf.d/50-rivetr.conf",
                               "systemctl daemon-reload", "systemctl enable rivetr.service", "systemctl restart rivetr.service"}) {
        EXPECT_TRUE(has(host.output, action)) << action << "\n" << host.output;
    }
    EXPECT_EQ(fs::exists("/etc/systemd/system/rivetr.service"), hadUnit);
    EXPECT_EQ(fs::exists("/etc/rivetr"), hadConfig);
}

// The `curl -fsSL BASE/install.sh | sh -s -- ...` form: the script read from stdin, the release fetched from
// BASE (a file:// URL standing in for the release page), its name taken from SHA256SUMS.
TEST_F(Installer, PipedIntoShItDownloadsVerifiesAndInstallsFromTheBaseUrl) {
    fakeRelease();
    SpawnOptions piped;
    piped.stdinFile = test::sourceDir() / "scripts/install.sh";
    auto r = run({"sh", "-s", "--", "--root", root.string(), "--url", "file://" + dir.path().string()}, piped);
    ASSERT_EQ(r.exitCode, 0) << r.output;
    EXPECT_TRUE(has(r.output, "+ curl -fsSL")) << r.output;
    EXPECT_TRUE(has(r.output, "verified: " + tarball.filename().string())) << r.output;
    EXPECT_EQ(modeOf(root / "usr/local/bin/rivetr"), 0755u);

    // A SHA256SUMS naming something that is not a rivetr tarball is refused before anything is fetched.
    test::writeFile(sums, std::string(64, '0') + "  ../../etc/passwd\n");
    auto hostile = run({"sh", "-s", "--", "--root", root.string(), "--url", "file://" + dir.path().string()}, piped);
    EXPECT_EQ(hostile.exitCode, 1);
    EXPECT_TRUE(has(hostile.output, "SHA256SUMS lists no rivetr tarball")) << hostile.output;
}

TEST_F(Installer, UninstallKeepsTheDataUnlessPurged) {
    fakeRelease();
    ASSERT_EQ(installIntoRoot().exitCode, 0);
    test::writeFile(root / "var/lib/rivetr/rivetr.db", "data");
    auto r = install({"--uninstall", "--root", root.string()});
    ASSERT_EQ(r.exitCode, 0) << r.output;
    EXPECT_FALSE(fs::exists(root / "usr/local/bin/rivetr"));
    EXPECT_FALSE(fs::exists(root / "etc/systemd/system/rivetr.service"));
    EXPECT_FALSE(fs::exists(root / "etc/systemd/system/multi-user.target.wants/rivetr.service"));
    EXPECT_TRUE(fs::exists(root / "etc/rivetr/rivetr.toml"));
    EXPECT_EQ(test::readFile(root / "var/lib/rivetr/rivetr.db"), "data");

    auto purge = install({"--uninstall", "--purge", "--root", root.string()});
    ASSERT_EQ(purge.exitCode, 0) << purge.output;
    EXPECT_FALSE(fs::exists(root / "etc/rivetr"));
    EXPECT_FALSE(fs::exists(root / "var/lib/rivetr"));
    EXPECT_EQ(idIn(root / "etc/passwd", "rivetr"), -1);
}

TEST_F(Installer, UsageErrorsExitTwoAndHalfGivenChecksumsAreRefused) {
    EXPECT_EQ(install({"--frobnicate"}).exitCode, 2);
    auto r = install({"--dry-run", "--root", root.string(), "--tarball", tarball.string()});
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_TRUE(has(r.output, "--tarball and --sums go together")) << r.output;
    auto noEmail = install({"--dry-run", "--root", root.string(), "--domain", "dash.example.com"});
    EXPECT_EQ(noEmail.exitCode, 1);
    EXPECT_TRUE(has(noEmail.output, "--domain needs --email")) << noEmail.output;
    auto notACheckout = install({"--dry-run", "--root", root.string(), "--from-source", dir.path().string()});
    EXPECT_EQ(notACheckout.exitCode, 1);
    EXPECT_TRUE(has(notACheckout.output, "is not a Rivetr checkout")) << notACheckout.output;
}

// With a dashboard domain the proxy serves the dashboard with an ACME certificate: a configuration rivetr accepts.
TEST_F(Installer, ADashboardDomainGivesAValidHttpsConfiguration) {
    fakeRelease();
    auto r = installIntoRoot({"--domain", "dash.example.com", "--email", "ops@example.com"});
    ASSERT_EQ(r.exitCode, 0) << r.output;
    EXPECT_TRUE(has(r.output, "Dashboard: https://dash.example.com/")) << r.output;
    auto config = root / "etc/rivetr/rivetr.toml";
    EXPECT_TRUE(has(test::readFile(config), "acme_enabled = true"));
    auto check = run({test::rivetrBinary().string(), "config", "check", "--config", config.string()});
    EXPECT_EQ(check.exitCode, 0) << check.output;
}

TEST_F(Installer, FromSourceBuildsWithTheRepositoryScripts) {
    auto r = install({"--dry-run", "--root", root.string(), "--from-source", test::sourceDir().string()});
    ASSERT_EQ(r.exitCode, 0) << r.output;
    EXPECT_TRUE(has(r.output, "+ " + (test::sourceDir() / "scripts/build.sh").string() + " release rivetr")) << r.output;
    EXPECT_TRUE(has(r.output, (test::sourceDir() / "build/cli/rivetr").string())) << r.output;
}

// The real path: package.sh packs the built binary, install.sh verifies and installs that tarball.
TEST_F(Installer, APackagedReleaseInstallsAndRuns) {
    auto out = dir / "dist";
    auto pkg = run({"bash", (test::sourceDir() / "scripts/package.sh").string(), "--binary", test::rivetrBinary().string(),
                    "--out", out.string()});
    ASSERT_EQ(pkg.exitCode, 0) << pkg.output;
    ASSERT_TRUE(fs::exists(out / tarball.filename())) << pkg.output;
    auto listing = run({"tar", "-tzf", (out / tarball.filename()).string()}).output;
    for (const char* member : {"/bin/rivetr", "/share/rivetr/rivetr.example.toml", "/share/rivetr/rivetr.service",
                               "/share/rivetr/install.sh"}) {
        EXPECT_TRUE(has(listing, member)) << member << "\n" << listing;
    }
    SpawnOptions inDist;
    inDist.workingDir = out;
    auto verified = run({"sha256sum", "-c", "SHA256SUMS"}, inDist);
    EXPECT_EQ(verified.exitCode, 0) << verified.output;

    auto r = install({"--root", root.string(), "--tarball", (out / tarball.filename()).string(), "--sums",
                      (out / "SHA256SUMS").string()});
    ASSERT_EQ(r.exitCode, 0) << r.output;
    EXPECT_EQ(run({(root / "usr/local/bin/rivetr").string(), "--version"}).output, "rivetr " + std::string(RIVETR_VERSION) + "\n");
    EXPECT_EQ(test::readFile(root / "usr/local/share/rivetr/rivetr.service"),
              test::readFile(root / "etc/systemd/system/rivetr.service"));
}

}  // namespace
}  // namespace rivetr
