// The backup archive: a tar.gz whose first member, manifest.json, lists every file with its size, mode and SHA-256.
#include "cli/backup_archive.hpp"

#include <archive.h>
#include <archive_entry.h>
#include <fcntl.h>
#include <openssl/evp.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>

#include "core/crypto.hpp"
#include "core/file_write.hpp"
#include "core/non_copyable.hpp"

namespace rivetr::cli {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr const char* kManifestName = "manifest.json";
constexpr const char* kFormat = "rivetr-backup";
constexpr int kFormatVersion = 1;
constexpr std::size_t kChunk = 64 * 1024;

// SHA-256 over data arriving in pieces (files are streamed, never held whole in memory).
class Sha256 {
public:
    Sha256() : ctx_(EVP_MD_CTX_new(), &EVP_MD_CTX_free) { EVP_DigestInit_ex(ctx_.get(), EVP_sha256(), nullptr); }
    void update(const void* data, std::size_t n) { EVP_DigestUpdate(ctx_.get(), data, n); }
    std::string hex() {
        unsigned char out[EVP_MAX_MD_SIZE];
        unsigned int len = 0;
        EVP_DigestFinal_ex(ctx_.get(), out, &len);
        return crypto::toHex(out, len);
    }

private:
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx_;
};

class Fd : NonCopyable {
public:
    explicit Fd(int fd) : fd_(fd) {}
    ~Fd() {
        if (fd_ >= 0) ::close(fd_);
    }
    int get() const { return fd_; }

private:
    int fd_;
};

std::string errnoText() { return std::strerror(errno); }

std::string modeText(unsigned mode) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "%04o", mode & 07777);
    return buf;
}

json manifestJson(const BackupManifest& m) {
    json files = json::array();
    for (const auto& f : m.files) {
        files.push_back({{"path", f.path}, {"size", f.size}, {"mode", modeText(f.mode)}, {"sha256", f.sha256}});
    }
    return {{"format", kFormat},           {"format_version", kFormatVersion}, {"rivetr_version", m.rivetrVersion},
            {"schema_version", m.schemaVersion}, {"created_at", m.createdAt},  {"files", files}};
}

BackupManifest parseManifest(const std::string& text) {
    auto j = json::parse(text, nullptr, false);
    if (j.is_discarded() || !j.is_object() || j.value("format", "") != kFormat) {
        throw BackupError("manifest.json is not a Rivetr backup manifest");
    }
    if (j.value("format_version", 0) > kFormatVersion) {
        throw BackupError("the backup format is newer than this rivetr understands: upgrade rivetr to restore it");
    }
    try {
        BackupManifest m{j.at("rivetr_version").get<std::string>(), j.at("schema_version").get<int>(),
                         j.at("created_at").get<std::string>(), {}};
        for (const auto& f : j.at("files")) {
            auto mode = std::stoul(f.at("mode").get<std::string>(), nullptr, 8);
            m.files.push_back({f.at("path").get<std::string>(), f.at("size").get<std::uintmax_t>(),
                               static_cast<unsigned>(mode & 0777), f.at("sha256").get<std::string>()});
        }
        return m;
    } catch (const std::exception& e) {
        throw BackupError(std::string("manifest.json is malformed: ") + e.what());
    }
}

// Archive paths are plain relative paths: no "..", ".", empty or absolute parts, no control bytes.
bool safeMemberPath(const std::string& p) {
    if (p.empty() || p.front() == '/' || p.size() > 1024) return false;
    if (std::any_of(p.begin(), p.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == '\\'; }))
        return false;
    for (const auto& part : fs::path(p)) {
        if (part.empty() || part == "." || part == "..") return false;
    }
    return p.find("//") == std::string::npos && p.back() != '/';
}

[[noreturn]] void failArchive(struct archive* a, const std::string& what) {
    const char* why = archive_error_string(a);
    throw BackupError(what + ": " + (why ? why : "unknown error"));
}

BackupFile hashFile(const fs::path& file, const std::string& name) {
    Fd fd(::open(file.c_str(), O_RDONLY | O_CLOEXEC));
    if (fd.get() < 0) throw BackupError("cannot read " + file.string() + ": " + errnoText());
    struct stat st {};
    ::fstat(fd.get(), &st);
    Sha256 sha;
    std::vector<char> buf(kChunk);
    for (ssize_t n; (n = ::read(fd.get(), buf.data(), buf.size())) > 0;) sha.update(buf.data(), static_cast<std::size_t>(n));
    return {name, static_cast<std::uintmax_t>(st.st_size), static_cast<unsigned>(st.st_mode & 0777), sha.hex()};
}

void writeMember(struct archive* a, const std::string& name, unsigned mode, std::uintmax_t size,
                 const std::function<void(const std::function<void(const char*, std::size_t)>&)>& produce) {
    std::unique_ptr<archive_entry, decltype(&archive_entry_free)> e(archive_entry_new(), &archive_entry_free);
    archive_entry_set_pathname(e.get(), name.c_str());
    archive_entry_set_filetype(e.get(), AE_IFREG);
    archive_entry_set_perm(e.get(), mode);
    archive_entry_set_size(e.get(), static_cast<la_int64_t>(size));
    if (archive_write_header(a, e.get()) != ARCHIVE_OK) failArchive(a, "cannot write " + name);
    produce([&](const char* data, std::size_t n) {
        if (archive_write_data(a, data, n) < 0) failArchive(a, "cannot write " + name);
    });
}

void writeFileMember(struct archive* a, const fs::path& file, const BackupFile& f) {
    writeMember(a, f.path, f.mode, f.size, [&](const auto& sink) {
        Fd fd(::open(file.c_str(), O_RDONLY | O_CLOEXEC));
        if (fd.get() < 0) throw BackupError("cannot read " + file.string() + ": " + errnoText());
        std::vector<char> buf(kChunk);
        for (ssize_t n; (n = ::read(fd.get(), buf.data(), buf.size())) > 0;) sink(buf.data(), static_cast<std::size_t>(n));
    });
}

std::vector<BackupFile> listStaged(const fs::path& staging) {
    std::vector<BackupFile> files;
    for (const auto& entry : fs::recursive_directory_iterator(staging)) {
        if (!entry.is_regular_file()) continue;
        files.push_back(hashFile(entry.path(), fs::relative(entry.path(), staging).generic_string()));
    }
    std::sort(files.begin(), files.end(), [](const auto& x, const auto& y) { return x.path < y.path; });
    return files;
}

void writeArchiveFile(const fs::path& tmp, const fs::path& staging, const BackupManifest& m) {
    std::unique_ptr<struct archive, decltype(&archive_write_free)> a(archive_write_new(), &archive_write_free);
    archive_write_add_filter_gzip(a.get());
    archive_write_set_format_pax_restricted(a.get());
    CheckedFile file(tmp, {.mode = 0600, .exclusive = true, .durable = true});  // synced and closed checked: a backup is for the worst day
    if (archive_write_open_fd(a.get(), file.fd()) != ARCHIVE_OK) failArchive(a.get(), "cannot write " + tmp.string());
    try {
        auto manifest = manifestJson(m).dump(2) + "\n";
        writeMember(a.get(), kManifestName, 0600, manifest.size(), [&](const auto& sink) { sink(manifest.data(), manifest.size()); });
        for (const auto& f : m.files) writeFileMember(a.get(), staging / f.path, f);
        if (archive_write_close(a.get()) != ARCHIVE_OK) failArchive(a.get(), "cannot finish " + tmp.string());
    } catch (const BackupError&) {
        // libarchive wrote to the descriptor itself: a full disk is only visible in its errno.
        if (isDiskFullError(archive_errno(a.get()))) throwWriteError(archive_errno(a.get()), tmp);
        throw;
    }
    file.close();
}

std::string readWhole(struct archive* a) {
    std::string out;
    std::vector<char> buf(kChunk);
    for (la_ssize_t n; (n = archive_read_data(a, buf.data(), buf.size())) != 0;) {
        if (n < 0) failArchive(a, "cannot read the archive");
        out.append(buf.data(), static_cast<std::size_t>(n));
    }
    return out;
}

// Streams one member to `target` (created exclusively), then checks it against its manifest entry.
void extractMember(struct archive* a, const fs::path& target, const BackupFile& f) {
    fs::create_directories(target.parent_path());
    CheckedFile out(target, {.mode = 0600, .exclusive = true, .durable = true});  // O_EXCL: never through a planted symlink
    Sha256 sha;
    std::uintmax_t size = 0;
    std::vector<char> buf(kChunk);
    for (la_ssize_t n; (n = archive_read_data(a, buf.data(), buf.size())) != 0;) {
        if (n < 0) failArchive(a, "cannot read " + f.path + " from the archive");
        auto len = static_cast<std::size_t>(n);
        out.write(std::string_view(buf.data(), len));
        sha.update(buf.data(), len);
        size += len;
    }
    if (size != f.size || !crypto::constantTimeEqual(sha.hex(), f.sha256)) {
        throw BackupError(f.path + " does not match its checksum in the manifest: the archive was altered or is damaged");
    }
    if (::fchmod(out.fd(), f.mode) != 0) throw BackupError("cannot set the mode of " + target.string() + ": " + errnoText());
    out.close();
}

std::string memberName(archive_entry* e) {
    const char* name = archive_entry_pathname(e);
    return name ? name : "";
}

// Parent directories of restored files are private, like the data dir itself.
void tightenDirectories(const fs::path& dir) {
    for (const auto& entry : fs::recursive_directory_iterator(dir)) {
        if (entry.is_directory()) fs::permissions(entry.path(), fs::perms::owner_all, fs::perm_options::replace);
    }
}

}  // namespace

BackupManifest writeBackupArchive(const fs::path& out, const fs::path& staging, BackupManifest meta) {
    meta.files = listStaged(staging);
    auto tmp = out;
    tmp += ".tmp." + std::to_string(::getpid());
    try {
        writeArchiveFile(tmp, staging, meta);
    } catch (...) {
        std::error_code ec;
        fs::remove(tmp, ec);
        throw;
    }
    std::error_code ec;
    fs::rename(tmp, out, ec);
    if (ec) {
        fs::remove(tmp, ec);
        throw BackupError("cannot write " + out.string() + ": " + ec.message());
    }
    return meta;
}

BackupManifest extractBackupArchive(const fs::path& archivePath, const fs::path& dir) {
    std::unique_ptr<struct archive, decltype(&archive_read_free)> a(archive_read_new(), &archive_read_free);
    archive_read_support_filter_gzip(a.get());
    archive_read_support_format_tar(a.get());
    if (archive_read_open_filename(a.get(), archivePath.c_str(), kChunk) != ARCHIVE_OK)
        failArchive(a.get(), "cannot open " + archivePath.string());
    archive_entry* e = nullptr;
    if (archive_read_next_header(a.get(), &e) != ARCHIVE_OK || memberName(e) != kManifestName)
        throw BackupError(archivePath.string() + " is not a Rivetr backup: it does not start with manifest.json");
    auto manifest = parseManifest(readWhole(a.get()));
    std::map<std::string, const BackupFile*> pending;
    for (const auto& f : manifest.files) {
        if (!safeMemberPath(f.path)) throw BackupError("the manifest lists an unsafe path: " + f.path);
        if (!pending.emplace(f.path, &f).second) throw BackupError("the manifest lists " + f.path + " twice");
    }
    for (int rc; (rc = archive_read_next_header(a.get(), &e)) != ARCHIVE_EOF;) {
        if (rc != ARCHIVE_OK) failArchive(a.get(), "cannot read " + archivePath.string());
        auto name = memberName(e);
        // Directory entries (tar adds them when a tree is repacked) carry nothing: parents are made as needed.
        if (archive_entry_filetype(e) == AE_IFDIR) {
            while (!name.empty() && name.back() == '/') name.pop_back();
            if (!safeMemberPath(name)) throw BackupError("the archive holds an unsafe path: " + name);
            continue;
        }
        auto it = pending.find(name);
        if (it == pending.end()) throw BackupError(name + " is in the archive but not in its manifest (or appears twice)");
        if (archive_entry_filetype(e) != AE_IFREG) throw BackupError(name + " is not a regular file");
        extractMember(a.get(), dir / name, *it->second);
        pending.erase(it);
    }
    if (!pending.empty()) throw BackupError(pending.begin()->first + " is listed in the manifest but missing from the archive");
    tightenDirectories(dir);
    return manifest;
}

}  // namespace rivetr::cli
