// `rivetr restore FILE`: verifies a backup and installs it as a data dir in one rename, never under a running server.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <iostream>

#include "cli/args.hpp"
#include "cli/backup_archive.hpp"
#include "cli/backup_commands.hpp"
#include "cli/command_config.hpp"
#include "cli/command_registry.hpp"
#include "cli/output.hpp"
#include "cli/private_dir.hpp"
#include "core/clock.hpp"
#include "store/database_in_use.hpp"
#include "store/snapshot.hpp"
#include "store/store.hpp"

namespace rivetr::cli {
namespace {

namespace fs = std::filesystem;

// The backup's config is not installed over the current one: it may name other ports or paths.
// It is kept beside the data so the operator can adopt it (it may hold the encryption key).
constexpr const char* kRestoredConfig = "rivetr.toml.from-backup";

// A refusal the operator can act on: exit 1, nothing changed.
class Refusal : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

bool isEmptyDir(const fs::path& dir) { return fs::is_directory(dir) && fs::directory_iterator(dir) == fs::directory_iterator(); }

void checkTarget(const fs::path& dataDir, bool force) {
    if (!fs::exists(dataDir)) return;
    if (!fs::is_directory(dataDir)) throw Refusal(dataDir.string() + " exists and is not a directory");
    // Even --force never swaps the files under a live server: it would keep writing to the old ones.
    if (store::databaseInUse(store::Store::databasePath(dataDir))) {
        throw Refusal("a running rivetr server is using " + dataDir.string() + ": stop it first (systemctl stop rivetr)");
    }
    if (!force && !isEmptyDir(dataDir)) {
        throw Refusal(dataDir.string() + " is not empty; restore into an empty directory, or pass --force to replace it "
                                         "(its current contents are kept aside)");
    }
}

void checkSchema(const BackupManifest& m, const fs::path& db) {
    int known = store::knownSchemaVersion();
    int actual = store::schemaVersionOf(db);
    if (m.schemaVersion > known || actual > known) {
        throw Refusal("the backup is at schema version " + std::to_string(std::max(m.schemaVersion, actual)) +
                      " but this rivetr knows only up to " + std::to_string(known) +
                      ": restore it with rivetr " + m.rivetrVersion + " or newer");
    }
}

// Gives the restored tree the owner of the directory it replaces (root restoring for the rivetr user).
void matchOwner(const fs::path& tree, const fs::path& like) {
    struct stat want {};
    if (::geteuid() != 0 || ::stat(like.c_str(), &want) != 0) return;
    ::lchown(tree.c_str(), want.st_uid, want.st_gid);
    for (const auto& e : fs::recursive_directory_iterator(tree)) ::lchown(e.path().c_str(), want.st_uid, want.st_gid);
}

void syncDir(const fs::path& dir) {
    int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return;
    ::fsync(fd);
    ::close(fd);
}

// Returns where the previous contents went ("" when there were none).
fs::path swapInto(const fs::path& restored, const fs::path& dataDir) {
    fs::path aside;
    if (fs::exists(dataDir)) {
        matchOwner(restored, dataDir);
        if (!isEmptyDir(dataDir)) {
            aside = dataDir;
            aside += ".replaced-" + std::to_string(nowMs());
            fs::rename(dataDir, aside);
        }
    }
    fs::rename(restored, dataDir);  // replaces an empty directory in one step
    syncDir(dataDir.parent_path());
    return aside;
}

void report(const BackupManifest& m, const fs::path& dataDir, const fs::path& aside, bool json) {
    bool config = fs::exists(dataDir / kRestoredConfig);
    if (json) {
        printJson({{"data_dir", dataDir.string()}, {"backup_created_at", m.createdAt}, {"schema_version", m.schemaVersion},
                   {"files", m.files.size()}, {"previous_contents", aside.empty() ? nullptr : nlohmann::json(aside.string())},
                   {"config", config ? nlohmann::json((dataDir / kRestoredConfig).string()) : nullptr}});
        return;
    }
    std::cout << "restored " << m.files.size() << " files into " << dataDir.string() << " (backup of " << m.createdAt
              << ", rivetr " << m.rivetrVersion << ", schema version " << m.schemaVersion << ")\n";
    if (!aside.empty()) std::cout << "the previous contents are kept in " << aside.string() << "\n";
    if (config) {
        std::cout << "the backup's configuration is in " << (dataDir / kRestoredConfig).string()
                  << ": if it sets auth.encryption_key, the server needs that key to read its secrets\n";
    }
}

int restore(const fs::path& archive, const fs::path& dataDir, bool force, bool json) {
    if (!fs::is_regular_file(archive)) throw Refusal("no backup file at " + archive.string());
    checkTarget(dataDir, force);
    PrivateDir work(dataDir, "restore");
    auto manifest = extractBackupArchive(archive, work.path());
    auto restored = work.path() / "data";
    checkSchema(manifest, restored / "rivetr.db");
    if (fs::exists(work.path() / "config/rivetr.toml")) fs::rename(work.path() / "config/rivetr.toml", restored / kRestoredConfig);
    fs::permissions(restored, fs::perms::owner_all, fs::perm_options::replace);
    checkTarget(dataDir, force);  // again: a server may have started while we extracted
    auto aside = swapInto(restored, dataDir);
    report(manifest, dataDir, aside, json);
    return 0;
}

}  // namespace

int runRestore(const std::vector<std::string>& args) {
    auto parsed = parseArgs(args, commandArgSpec("restore"));
    if (parsed.positional.size() != 1) throw UsageError("usage: rivetr restore FILE [--data-dir DIR] [--config PATH] [--force]");
    fs::path dataDir;
    if (auto d = parsed.option("data-dir")) {
        dataDir = *d;
    } else {
        auto load = loadConfigOrReport(parsed);
        if (!load) return 1;
        dataDir = load->config.server.data_dir;
    }
    try {
        auto target = fs::absolute(dataDir).lexically_normal();
        if (!target.has_filename()) target = target.parent_path();  // "data/" names the directory "data"
        return restore(parsed.positional[0], target, parsed.has("force"), parsed.has("json"));
    } catch (const std::exception& e) {
        std::cerr << "rivetr: restore refused: " << e.what() << "\n";
        return 1;
    }
}

}  // namespace rivetr::cli
