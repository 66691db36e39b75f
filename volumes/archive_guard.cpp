// Checks an uploaded volume archive before a byte of it reaches the volume: every entry stays inside.
//
// Why lexical checks suffice: the target volume is new or emptied when the archive is extracted, so the
// only symlinks on the way are the archive's own, and a path through one of them is refused. What is left
// is the archive's names and link targets, judged as text. (The engine extracts inside the helper's root
// as well, so even a mistake here could not reach the host's files.)
#include "volumes/archive_guard.hpp"

#include <archive.h>
#include <archive_entry.h>

#include <memory>
#include <set>
#include <string>
#include <vector>

#include "volumes/content_error.hpp"
#include "volumes/volume_path.hpp"

namespace rivetr::volumes {
namespace {

constexpr std::size_t kMaxMetadata = 64 * 1024;

[[noreturn]] void refuse(const std::string& why) { throw invalid("the archive was refused: " + why, "body"); }

// "./a//b/" → {"a","b"}; refuses absolute names and "..". `what` names the field in the message.
std::vector<std::string> components(const std::string& name, const std::string& what) {
    if (!name.empty() && name.front() == '/') refuse(what + " '" + name + "' is absolute");
    auto out = pathComponents(name);
    for (const auto& part : out) {
        if (part == "..") refuse(what + " '" + name + "' holds '..'");
    }
    return out;
}

std::string join(const std::vector<std::string>& parts, std::size_t n) {
    std::string out;
    for (std::size_t i = 0; i < n && i < parts.size(); ++i) out += (i ? "/" : "") + parts[i];
    return out;
}

// A symlink's target resolved as text from the link's directory must stay in the volume.
void checkSymlink(const std::vector<std::string>& at, const std::string& target) {
    if (target.empty()) refuse("a symlink has no target");
    if (target.front() == '/') refuse("the symlink '" + join(at, at.size()) + "' points outside (absolute)");
    std::vector<std::string> dir(at.begin(), at.end() - (at.empty() ? 0 : 1));
    for (const auto& part : pathComponents(target)) {
        if (part != "..") {
            dir.push_back(part);
        } else if (dir.empty()) {
            refuse("the symlink '" + join(at, at.size()) + "' points outside the volume");
        } else {
            dir.pop_back();
        }
    }
}

class EntryRules {
public:
    void check(archive_entry* e) {
        const char* raw = archive_entry_pathname(e);
        if (!raw) refuse("an entry has no name");
        auto parts = components(raw, "the entry");
        notThroughSymlink(parts, raw);
        auto type = archive_entry_filetype(e);
        if (type == AE_IFCHR || type == AE_IFBLK) refuse("'" + std::string(raw) + "' is a device node");
        if (type == AE_IFSOCK) refuse("'" + std::string(raw) + "' is a socket");
        if (const char* hard = archive_entry_hardlink(e)) {
            auto target = components(hard, "the hard link target");
            if (target.empty()) refuse("the hard link '" + std::string(raw) + "' points at the volume's root");
            notThroughSymlink(target, hard);
        }
        if (type == AE_IFLNK) {
            const char* target = archive_entry_symlink(e);
            checkSymlink(parts, target ? target : "");
            symlinks_.insert(join(parts, parts.size()));
        }
    }

private:
    void notThroughSymlink(const std::vector<std::string>& parts, const std::string& raw) {
        for (std::size_t n = 1; n < parts.size(); ++n) {
            if (symlinks_.count(join(parts, n))) refuse("'" + raw + "' goes through the archive's symlink");
        }
    }
    std::set<std::string> symlinks_;
};

nlohmann::json readMetadata(archive* a, archive_entry* e) {
    if (archive_entry_size(e) > static_cast<la_int64_t>(kMaxMetadata)) refuse("the metadata entry is too large");
    std::string text(static_cast<std::size_t>(archive_entry_size(e)), '\0');
    if (!text.empty() && archive_read_data(a, text.data(), text.size()) != static_cast<la_ssize_t>(text.size())) {
        refuse(std::string("the metadata entry is unreadable: ") + archive_error_string(a));
    }
    auto j = nlohmann::json::parse(text, nullptr, false);
    if (!j.is_object()) refuse("the metadata entry is not a JSON object");
    return j;
}

}  // namespace

ArchiveCheck checkArchive(const std::filesystem::path& path) {
    std::unique_ptr<archive, decltype(&archive_read_free)> a(archive_read_new(), archive_read_free);
    archive_read_support_filter_gzip(a.get());
    archive_read_support_format_tar(a.get());
    if (archive_read_open_filename(a.get(), path.c_str(), 64 * 1024) != ARCHIVE_OK) {
        refuse(std::string("not a .tar.gz: ") + archive_error_string(a.get()));
    }
    ArchiveCheck check;
    EntryRules rules;
    bool metadataNext = false;
    archive_entry* e = nullptr;
    for (int rc; (rc = archive_read_next_header(a.get(), &e)) != ARCHIVE_EOF;) {
        if (rc < ARCHIVE_WARN) refuse(std::string("unreadable: ") + archive_error_string(a.get()));
        if (archive_filter_code(a.get(), 0) != ARCHIVE_FILTER_GZIP) refuse("not gzip-compressed");
        if (metadataNext) check.skipBytes = static_cast<std::uint64_t>(archive_read_header_position(a.get()));
        metadataNext = false;
        if (check.entries++ == 0 && components(archive_entry_pathname(e) ? archive_entry_pathname(e) : "", "the entry") ==
                                        std::vector<std::string>{kMetadataEntry}) {
            check.metadata = readMetadata(a.get(), e);
            metadataNext = true;
            continue;
        }
        rules.check(e);
        if (archive_read_data_skip(a.get()) < ARCHIVE_WARN) {
            refuse(std::string("unreadable: ") + archive_error_string(a.get()));
        }
    }
    if (metadataNext) check.skipBytes = static_cast<std::uint64_t>(archive_read_header_position(a.get()));
    return check;
}

}  // namespace rivetr::volumes
