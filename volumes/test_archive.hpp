// Test helper: writes a .tar.gz with exactly the entries a test names, hostile ones included.
#pragma once

#include <archive.h>
#include <archive_entry.h>

#include <filesystem>
#include <string>
#include <vector>

namespace rivetr::volumes::testing {

struct TestEntry {
    TestEntry(std::string n, char t = '0', std::string c = {}) : name(std::move(n)), type(t), content(std::move(c)) {}
    std::string name;
    char type = '0';  // '0' file, '5' directory, '2' symlink, '1' hard link, '3' char device
    std::string content;  // a file's bytes, or a link's target
    unsigned mode = 0644;
    unsigned uid = 0, gid = 0;
};

// `truncateTo` > 0 cuts the written file to that many bytes (a truncated gzip).
inline void writeTarGz(const std::filesystem::path& path, const std::vector<TestEntry>& entries,
                       std::uintmax_t truncateTo = 0) {
    archive* a = archive_write_new();
    archive_write_add_filter_gzip(a);
    archive_write_set_format_pax_restricted(a);
    archive_write_open_filename(a, path.c_str());
    for (const auto& t : entries) {
        archive_entry* e = archive_entry_new();
        archive_entry_set_pathname(e, t.name.c_str());
        archive_entry_set_perm(e, t.mode);
        archive_entry_set_uid(e, t.uid);
        archive_entry_set_gid(e, t.gid);
        archive_entry_set_mtime(e, 1700000000, 0);
        if (t.type == '5') archive_entry_set_filetype(e, AE_IFDIR);
        if (t.type == '3') archive_entry_set_filetype(e, AE_IFCHR);
        if (t.type == '2') {
            archive_entry_set_filetype(e, AE_IFLNK);
            archive_entry_set_symlink(e, t.content.c_str());
        }
        if (t.type == '1') {
            archive_entry_set_filetype(e, AE_IFREG);
            archive_entry_set_hardlink(e, t.content.c_str());
        }
        if (t.type == '0') {
            archive_entry_set_filetype(e, AE_IFREG);
            archive_entry_set_size(e, static_cast<la_int64_t>(t.content.size()));
        }
        archive_write_header(a, e);
        if (t.type == '0') archive_write_data(a, t.content.data(), t.content.size());
        archive_entry_free(e);
    }
    archive_write_close(a);
    archive_write_free(a);
    if (truncateTo > 0) std::filesystem::resize_file(path, truncateTo);
}

}  // namespace rivetr::volumes::testing
