// `rivetr backup -o FILE`: a consistent snapshot of a (possibly running) server's database plus config, keys and certificates.
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/args.hpp"
#include "cli/backup_archive.hpp"
#include "cli/backup_commands.hpp"
#include "cli/command_config.hpp"
#include "cli/command_registry.hpp"
#include "cli/output.hpp"
#include "cli/private_dir.hpp"
#include "core/clock.hpp"
#include "core/file_write.hpp"
#include "core/version.hpp"
#include "store/snapshot.hpp"
#include "store/store.hpp"

namespace rivetr::cli {
namespace {

namespace fs = std::filesystem;

// Everything in data_dir that cannot be rebuilt: the database, the keys, and the certificates
// (account key + one directory per domain). Git caches and work dirs are refetched on deploy.
constexpr const char* kKeyFiles[] = {"secret.key", "admin_token"};
constexpr const char* kCertsDir = "certs";

// Keys, certificates and the config: small files, read whole and written checked to the close.
void copyPreservingMode(const fs::path& from, const fs::path& to) {
    fs::create_directories(to.parent_path());
    std::ifstream in(from, std::ios::binary);
    std::ostringstream content;
    if (!in || !(content << in.rdbuf())) throw std::runtime_error("cannot read " + from.string());
    auto mode = static_cast<mode_t>(fs::status(from).permissions() & fs::perms::mask);
    writeFileChecked(to, content.str(), {.mode = mode, .exclusive = true});
    fs::permissions(to, fs::status(from).permissions(), fs::perm_options::replace);  // whatever the umask
}

void stageDataFiles(const fs::path& dataDir, const fs::path& staged) {
    for (const char* name : kKeyFiles) {
        if (fs::is_regular_file(dataDir / name)) copyPreservingMode(dataDir / name, staged / name);
    }
    if (!fs::is_directory(dataDir / kCertsDir)) return;
    for (const auto& entry : fs::recursive_directory_iterator(dataDir / kCertsDir)) {
        if (entry.is_regular_file()) copyPreservingMode(entry.path(), staged / fs::relative(entry.path(), dataDir));
    }
}

void report(const fs::path& out, const BackupManifest& m, const fs::path& dataDir, bool json) {
    if (json) {
        printJson({{"file", out.string()}, {"data_dir", dataDir.string()}, {"schema_version", m.schemaVersion},
                   {"created_at", m.createdAt}, {"files", m.files.size()}});
        return;
    }
    std::cout << "backup written to " << out.string() << " (" << m.files.size() << " files from " << dataDir.string()
              << ", schema version " << m.schemaVersion << ")\n"
              << "It holds the encryption key and tokens: keep it as private as the server.\n";
}

int backup(const fs::path& out, const ConfigLoad& load, bool json) {
    fs::path dataDir = load.config.server.data_dir;
    PrivateDir staging(out, "staging");
    fs::create_directories(staging.path() / "data");
    auto info = store::snapshotDatabase(store::Store::databasePath(dataDir), staging.path() / "data/rivetr.db");
    stageDataFiles(dataDir, staging.path() / "data");
    if (load.file) copyPreservingMode(*load.file, staging.path() / "config/rivetr.toml");
    auto manifest = writeBackupArchive(out, staging.path(), {RIVETR_VERSION, info.schemaVersion, formatRfc3339(nowMs()), {}});
    report(out, manifest, dataDir, json);
    return 0;
}

}  // namespace

int runBackup(const std::vector<std::string>& args) {
    auto parsed = parseArgs(args, commandArgSpec("backup"));
    if (!parsed.positional.empty() || !parsed.option("output")) {
        throw UsageError("usage: rivetr backup -o FILE [--config PATH]");
    }
    auto load = loadConfigOrReport(parsed);
    if (!load) return 1;
    try {
        return backup(*parsed.option("output"), *load, parsed.has("json"));
    } catch (const std::exception& e) {
        std::cerr << "rivetr: backup failed: " << e.what() << "\n";
        return 1;
    }
}

}  // namespace rivetr::cli
