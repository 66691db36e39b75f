// A volume's content on one engine: browse, read one file, back up as .tar.gz, restore from one.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "runtime/container_runtime.hpp"
#include "volumes/archive_guard.hpp"
#include "volumes/volume_listing.hpp"

namespace rivetr::volumes {

struct ContentOptions {
    std::filesystem::path busybox = "/bin/busybox";
    std::filesystem::path scratchDir;  // where an upload is spooled before it is checked (the data dir's tmp)
};

struct RestoreOptions {
    bool force = false;   // a non-empty volume: its old content is kept aside until the restore succeeded
    bool create = false;  // an absent volume is created, with the labels the archive carries
};

struct RestoreResult {
    bool created = false, replaced = false;
    std::uint64_t entries = 0;
};

// Every call validates the volume name and path first (ContentError Invalid before any engine call),
// and runs each helper container once, removing it whatever happens. Thread-safe.
class VolumeContent {
public:
    using Sink = std::function<void(std::string_view)>;
    VolumeContent(std::shared_ptr<runtime::ContainerRuntime> rt, ContentOptions options);

    // A directory's entries or a file's metadata. NotFound for an absent volume or path; Invalid for a
    // path through a symlink (never followed).
    PathReport browse(const std::string& volume, const std::string& path);
    // The first `max` bytes of a regular file (checked with browse first); `truncated` if it is longer.
    std::string readFile(const std::string& volume, const std::string& relative, std::size_t max, bool& truncated);
    // A regular file's bytes, as they come from the engine.
    void streamFile(const std::string& volume, const std::string& relative, const Sink& out);
    // The volume as .tar.gz: the metadata entry (driver, labels) then its files, owners and modes kept.
    void backup(const std::string& volume, const Sink& out);
    // What restore would refuse without reading the archive: NotFound (absent, no create), Conflict
    // (not empty, no force). Returns whether the volume exists.
    bool precheckRestore(const std::string& volume, const RestoreOptions& options);
    // Checks the .tar.gz at `archive` whole first (Invalid: nothing changed), then extracts it.
    RestoreResult restore(const std::string& volume, const std::filesystem::path& archive, const RestoreOptions& options);

    const ContentOptions& options() const { return options_; }

private:
    std::string image();
    runtime::VolumeInfo inspect(const std::string& volume);
    bool isEmpty(const std::string& volume);
    void copyVolume(const std::string& from, const std::string& to);
    void extract(const std::string& volume, const std::filesystem::path& archive, std::uint64_t skip);
    void recreate(const runtime::VolumeInfo& old);
    RestoreResult replaceContent(const runtime::VolumeInfo& old, const std::filesystem::path& archive,
                                 const ArchiveCheck& check);

    std::shared_ptr<runtime::ContainerRuntime> rt_;
    ContentOptions options_;
};

}  // namespace rivetr::volumes
