// A volume's content on one engine: browse, read one file, back up as .tar.gz, restore from one.
#include "volumes/volume_content.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <ctime>
#include <thread>

#include "core/at_exit.hpp"
#include "core/ids.hpp"
#include "core/log.hpp"
#include "runtime/runtime_error.hpp"
#include "volumes/byte_channel.hpp"
#include "volumes/content_error.hpp"
#include "volumes/gzip_stream.hpp"
#include "volumes/helper_container.hpp"
#include "volumes/helper_image.hpp"
#include "volumes/tar_stream.hpp"
#include "volumes/volume_path.hpp"

namespace rivetr::volumes {
namespace {

using runtime::ErrorKind;
using runtime::RuntimeError;

constexpr std::size_t kMaxListing = 8 * 1024 * 1024;
constexpr std::chrono::seconds kBrowseDeadline{30};

// Thrown from a stream's callback once enough was read: ends the engine's transfer early.
struct EnoughRead {};

// The labels a backup's metadata entry carries (string values only).
runtime::Labels archivedLabels(const nlohmann::json& metadata) {
    runtime::Labels labels;
    auto it = metadata.find("labels");
    if (it == metadata.end() || !it->is_object()) return labels;
    for (const auto& [k, v] : it->items()) {
        if (v.is_string()) labels[k] = v.get<std::string>();
    }
    return labels;
}

ContentError notFound(const std::string& what) { return {ContentErrorKind::NotFound, what}; }
ContentError conflict(const std::string& what) { return {ContentErrorKind::Conflict, what}; }

}  // namespace

VolumeContent::VolumeContent(std::shared_ptr<runtime::ContainerRuntime> rt, ContentOptions options)
    : rt_(std::move(rt)), options_(std::move(options)) {}

std::string VolumeContent::image() { return ensureHelperImage(*rt_, options_.busybox); }

runtime::VolumeInfo VolumeContent::inspect(const std::string& volume) {
    checkVolumeName(volume);
    try {
        return rt_->inspectVolume(volume);
    } catch (const RuntimeError& e) {
        if (e.kind() == ErrorKind::NotFound) throw notFound("no volume '" + volume + "'");
        throw;
    }
}

PathReport VolumeContent::browse(const std::string& volume, const std::string& path) {
    auto relative = normalizeVolumePath(path);
    inspect(volume);
    // Reading directories other users own (a database's 0700 data directory) needs DAC_READ_SEARCH: it
    // grants reading and searching only, on a read-only mount, in a container with no network.
    HelperContainer helper(rt_, {image(), {{volume, kMountPoint, true}},
                                 {"/bin/busybox", "sh", "-c", std::string(browseScript()), "sh", mountedPath(relative)},
                                 {"DAC_READ_SEARCH"}});
    auto run = helper.run(kBrowseDeadline, kMaxListing);
    if (run.exitCode != 0) {
        throw ContentError(ContentErrorKind::Unavailable, "the volume helper failed: " + run.err.substr(0, 200));
    }
    auto report = parseBrowseOutput(run.out, run.outTruncated);
    if (report.kind == PathKind::Missing) throw notFound("no '" + relative + "' in volume '" + volume + "'");
    if (report.kind == PathKind::ThroughSymlink) {
        throw invalid("'" + relative + "' is or goes through a symlink; symlinks are shown, never followed", "path");
    }
    return report;
}

void VolumeContent::streamFile(const std::string& volume, const std::string& relative, const Sink& out) {
    // The engine's archive call would resolve a symlink on the way inside the helper's root: checked first.
    auto report = browse(volume, relative);
    if (report.kind != PathKind::File || report.entries.empty() || report.entries[0].type != "file") {
        throw invalid("'" + relative + "' is not a regular file", "path");
    }
    HelperContainer helper(rt_, {image(), {{volume, kMountPoint, true}}, {}, {}});
    FirstFileReader reader(out);
    try {
        helper.runtime().getArchive(helper.id(), mountedPath(normalizeVolumePath(relative)),
                                    [&](std::string_view d) {
                                        if (!reader.feed(d)) throw EnoughRead{};
                                    },
                                    {});
    } catch (const EnoughRead&) {
    }
    if (reader.type() != '0') throw invalid("'" + relative + "' is not a regular file", "path");
}

std::string VolumeContent::readFile(const std::string& volume, const std::string& relative, std::size_t max,
                                    bool& truncated) {
    std::string text;
    truncated = false;
    try {
        streamFile(volume, relative, [&](std::string_view d) {
            text.append(d.substr(0, max + 1 - std::min(max + 1, text.size())));
            if (text.size() > max) throw EnoughRead{};
        });
    } catch (const EnoughRead&) {
    }
    if (text.size() > max) {
        truncated = true;
        text.resize(max);
    }
    return text;
}

void VolumeContent::backup(const std::string& volume, const Sink& out) {
    auto info = inspect(volume);
    nlohmann::json meta = {{"format", "rivetr-volume-backup/1"}, {"volume", info.name}, {"driver", info.driver},
                           {"labels", info.labels}, {"options", info.options}};
    HelperContainer helper(rt_, {image(), {{volume, kMountPoint, true}}, {}, {}});
    GzipWriter gz(out);
    gz.write(ustarFile(kMetadataEntry, meta.dump(2), 0644, std::time(nullptr)));
    // "/v/." archives the directory's content as "./...", as `tar -C /v .` would.
    helper.runtime().getArchive(helper.id(), std::string(kMountPoint) + "/.", [&](std::string_view d) { gz.write(d); },
                                {});
    gz.finish();
}

bool VolumeContent::isEmpty(const std::string& volume) { return browse(volume, "").entries.empty(); }

bool VolumeContent::precheckRestore(const std::string& volume, const RestoreOptions& options) {
    checkVolumeName(volume);
    try {
        inspect(volume);
    } catch (const ContentError& e) {
        if (e.kind() != ContentErrorKind::NotFound || !options.create) throw;
        return false;
    }
    if (!options.force && !isEmpty(volume)) {
        throw conflict("volume '" + volume + "' is not empty; restore with force=1 to replace its content");
    }
    return true;
}

void VolumeContent::extract(const std::string& volume, const std::filesystem::path& archive, std::uint64_t skip) {
    int fd = ::open(archive.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) throw std::runtime_error("cannot open the spooled archive");
    AtExit closer{[fd] { ::close(fd); }};
    GunzipReader gunzip(fd, skip);
    HelperContainer helper(rt_, {image(), {{volume, kMountPoint, false}}, {}, {}});
    helper.runtime().putArchive(helper.id(), kMountPoint, [&](char* out, std::size_t max) { return gunzip.read(out, max); },
                                {});
}

// Copies a volume's content into another through the engine's archive calls (the engine reads and
// writes; Rivetr holds at most the channel's capacity).
// Two helpers, not one: dockerd locks a container for the whole of an archive read or write, so a read
// and a write streaming through one container wait on each other for ever (seen under parallel tests).
void VolumeContent::copyVolume(const std::string& from, const std::string& to) {
    HelperContainer reader(rt_, {image(), {{from, "/from", true}}, {}, {}});
    HelperContainer writer(rt_, {image(), {{to, "/to", false}}, {}, {}});
    ByteChannel channel(4 * 1024 * 1024);
    std::thread producer([&] {
        try {
            reader.runtime().getArchive(reader.id(), "/from/.", [&](std::string_view d) { channel.push(d); }, {});
            channel.close();
        } catch (...) {
            channel.close(std::current_exception());
        }
    });
    try {
        writer.runtime().putArchive(writer.id(), "/to", [&](char* out, std::size_t max) { return channel.pull(out, max); },
                                    {});
    } catch (...) {
        channel.abandon();
        producer.join();
        throw;
    }
    producer.join();
}

void VolumeContent::recreate(const runtime::VolumeInfo& old) {
    rt_->removeVolume(old.name, false);
    rt_->createVolume(old.name, old.labels);
}

RestoreResult VolumeContent::restore(const std::string& volume, const std::filesystem::path& archive,
                                     const RestoreOptions& options) {
    bool exists = precheckRestore(volume, options);
    auto check = checkArchive(archive);  // the whole archive first: a refusal changes nothing
    RestoreResult result;
    result.entries = check.entries;
    if (!exists) {
        rt_->createVolume(volume, archivedLabels(check.metadata));
        result.created = true;
        try {
            extract(volume, archive, check.skipBytes);
        } catch (...) {
            rt_->removeVolume(volume, false);
            throw;
        }
        return result;
    }
    auto info = inspect(volume);
    if (isEmpty(volume)) {
        extract(volume, archive, check.skipBytes);
        return result;
    }
    auto replaced = replaceContent(info, archive, check);
    replaced.entries = check.entries;
    return replaced;
}

// Force: the old content goes to an aside volume first, the volume is recreated empty (same name and
// labels) and the archive extracted; a failure puts the old content back, a success drops it.
RestoreResult VolumeContent::replaceContent(const runtime::VolumeInfo& old, const std::filesystem::path& archive,
                                            const ArchiveCheck& check) {
    if (old.driver != "local" || !old.options.empty()) {
        throw conflict("volume '" + old.name + "' has driver options; it is never recreated, restore into a new volume");
    }
    std::string aside = old.name + "-rivetr-aside-" + newId("r").substr(2);
    rt_->createVolume(aside, {{"rivetr.volume-aside-of", old.name}});
    try {
        copyVolume(old.name, aside);
        rt_->removeVolume(old.name, false);  // refused while a container uses it: nothing changed yet
    } catch (const RuntimeError& e) {
        rt_->removeVolume(aside, false);
        if (e.kind() == ErrorKind::Conflict) throw conflict("volume '" + old.name + "' is in use: " + e.what());
        throw;
    }
    rt_->createVolume(old.name, old.labels);
    try {
        extract(old.name, archive, check.skipBytes);
    } catch (...) {
        log::warn("volumes.restore_rolled_back", {{"volume", old.name}, {"aside", aside}});
        recreate(old);
        copyVolume(aside, old.name);
        rt_->removeVolume(aside, false);
        throw;
    }
    rt_->removeVolume(aside, false);
    RestoreResult r;
    r.replaced = true;
    return r;
}

}  // namespace rivetr::volumes
