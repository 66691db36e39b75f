// The volume browser and volume backup/restore routes (on any host).
//
// Roles: a volume holds whatever its containers keep (database files, keys, .env files), so reading it
// — browsing, previewing, downloading, backing up — is a developer's right, not a viewer's: a viewer may
// see that a volume exists (the volumes list), never its content. Restoring into a new or empty volume
// destroys nothing, so a developer may; replacing a volume's content (force) destroys data, so only an
// admin may. Every call is audited with its actor, reads included: they disclose data.
#include "api/volume_content/volume_content_routes.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <ctime>
#include <thread>

#include "api/http/query_flag.hpp"
#include "api/http/streamed_body.hpp"
#include "api/docker_host/engine_failure.hpp"
#include "api/docker_host/host_query.hpp"
#include "api/volume_content/raw_answer.hpp"
#include "core/ids.hpp"
#include "core/log.hpp"
#include "volumes/content_error.hpp"
#include "volumes/volume_content.hpp"
#include "volumes/volume_path.hpp"

namespace rivetr::api {
namespace {

using nlohmann::json;
using Request = Pistache::Rest::Request;
using store::Role;
using Deps = std::shared_ptr<const VolumeContentDeps>;

constexpr std::size_t kPreviewBytes = 1024 * 1024;

std::string volumeOf(const Request& req) { return pathParam(req, ":name"); }
std::string pathOf(const Request& req) { return queryText(req, "path"); }

Reply contentFailure(const volumes::ContentError& e) {
    using K = volumes::ContentErrorKind;
    switch (e.kind()) {
        case K::Invalid: return Reply::error(400, "invalid", e.what(), e.field());
        case K::NotFound: return Reply::error(404, "not_found", e.what());
        case K::Conflict: return Reply::error(409, "conflict", e.what());
        case K::Unavailable: break;
    }
    return Reply::error(503, "helper_unavailable", e.what());
}

// Runs `f` and turns what the volume layer, the host directory and the engine refuse into their answers.
template <typename F>
Reply guarded(const std::string& host, F f) {
    try {
        return onHost(host, "name", f);
    } catch (const volumes::ContentError& e) {
        return contentFailure(e);
    }
}

volumes::VolumeContent contentOn(const VolumeContentDeps& d, const std::string& host) {
    auto scratch = d.settings.scratchDir.empty() ? std::filesystem::temp_directory_path() : d.settings.scratchDir;
    return volumes::VolumeContent(d.hosts->runtimeFor(host), {d.settings.busybox, scratch});
}

json entryJson(const volumes::VolumeFileEntry& e) {
    char mode[8];
    std::snprintf(mode, sizeof mode, "%04o", e.mode);
    json j = {{"name", e.name}, {"type", e.type}, {"size", e.size}, {"mode", mode},
              {"uid", e.uid},   {"gid", e.gid},   {"mtime", e.mtime}};
    if (e.type == "symlink") j["target"] = e.target;
    return j;
}

bool previewable(const std::string& name) {
    static const char* kExt[] = {".txt", ".log", ".conf", ".json", ".yaml", ".yml", ".xml",
                                 ".md",  ".sh",  ".env",  ".ini",  ".toml"};
    for (const char* ext : kExt) {
        std::string_view x(ext);
        if (name.size() >= x.size() && name.compare(name.size() - x.size(), x.size(), x) == 0) return true;
    }
    return false;
}

json filePreview(volumes::VolumeContent& content, const std::string& volume, const std::string& path,
                 const volumes::VolumeFileEntry& e) {
    if (e.type != "file" || !previewable(e.name)) return {{"kind", "metadata"}};
    bool truncated = false;
    auto text = content.readFile(volume, path, kPreviewBytes, truncated);
    if (text.find('\0') != std::string::npos) return {{"kind", "binary"}};
    json p = {{"kind", "text"}, {"text", text}, {"truncated", truncated}, {"limit_bytes", kPreviewBytes}};
    if (truncated) p["notice"] = "only the first 1 MiB of " + std::to_string(e.size) + " bytes is shown; download it for the rest";
    return p;
}

Reply browse(const Deps& d, const Request& req, RequestContext& rc) {
    auto host = hostOf(req);
    return guarded(host, [&] {
        auto volume = volumeOf(req);
        auto path = volumes::normalizeVolumePath(pathOf(req));
        auto content = contentOn(*d, host);
        auto report = content.browse(volume, path);
        json out = {{"volume", volume}, {"host", hostLabel(host)}, {"path", path}, {"truncated", report.truncated}};
        if (report.kind == volumes::PathKind::Directory) {
            json entries = json::array();
            for (const auto& e : report.entries) entries.push_back(entryJson(e));
            out["kind"] = "directory";
            out["entries"] = entries;
            d->trail.record(rc, "volume.browse", "volume", volume, {{"host", hostLabel(host)}, {"path", path}});
        } else {
            out["kind"] = "file";
            out["file"] = entryJson(report.entries.at(0));
            out["preview"] = filePreview(content, volume, path, report.entries.at(0));
            d->trail.record(rc, "volume.read", "volume", volume, {{"host", hostLabel(host)}, {"path", path}});
        }
        return Reply::json(200, out);
    });
}

// The answer's body comes from `produce` on a thread of its own, onto the connection taken from Pistache.
Reply streamed(std::string contentType, std::string filename, std::function<void(RawAnswer&)> produce) {
    auto reply = Reply::takingOver([contentType, filename, produce](int fd) {
        std::thread([fd, contentType, filename, produce] {
            RawAnswer out(fd, contentType, filename);
            try {
                produce(out);
                out.finish();
            } catch (const volumes::ContentError& e) {
                out.fail(contentFailure(e));
            } catch (const runtime::RuntimeError& e) {
                out.fail(engineFailure(e, "", "name"));
            } catch (const std::exception& e) {
                log::warn("api.volume_stream_failed", {{"error", e.what()}});
                out.fail(Reply::error(500, "internal", "the stream failed; see the server log"));
            }
        }).detach();
    });
    reply.status = 200;
    return reply;
}

Reply download(const Deps& d, const Request& req, RequestContext& rc) {
    auto host = hostOf(req);
    return guarded(host, [&] {
        auto volume = volumeOf(req);
        volumes::checkVolumeName(volume);
        auto path = volumes::normalizeVolumePath(pathOf(req));
        if (path.empty()) throw volumes::invalid("name a file: ?path=dir/file", "path");
        auto content = std::make_shared<volumes::VolumeContent>(contentOn(*d, host));
        d->trail.record(rc, "volume.download", "volume", volume, {{"host", hostLabel(host)}, {"path", path}});
        auto name = path.substr(path.rfind('/') == std::string::npos ? 0 : path.rfind('/') + 1);
        return streamed("application/octet-stream", name, [content, volume, path](RawAnswer& out) {
            content->streamFile(volume, path, [&](std::string_view data) { out.write(data); });
        });
    });
}

std::string utcStamp() {
    char buf[32];
    std::time_t now = std::time(nullptr);
    std::strftime(buf, sizeof buf, "%Y%m%dT%H%M%SZ", std::gmtime(&now));
    return buf;
}

// ?to=server: the archive is written into the backup directory (never half-written: renamed when complete).
Reply backupToServer(const VolumeContentDeps& d, volumes::VolumeContent& content, const std::string& volume) {
    std::filesystem::create_directories(d.settings.backupDir);
    auto final = d.settings.backupDir / (volume + "-" + utcStamp() + ".tar.gz");
    auto part = final.string() + ".part";
    int fd = ::open(part.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) throw std::runtime_error("cannot create " + part);
    std::uint64_t bytes = 0;
    try {
        content.backup(volume, [&](std::string_view data) {
            if (::write(fd, data.data(), data.size()) != static_cast<ssize_t>(data.size())) {
                throw std::runtime_error("writing " + part + " failed");
            }
            bytes += data.size();
        });
        if (::fsync(fd) != 0) throw std::runtime_error("writing " + part + " failed");
    } catch (...) {
        ::close(fd);
        std::filesystem::remove(part);
        throw;
    }
    ::close(fd);
    std::filesystem::rename(part, final);
    return Reply::json(201, {{"volume", volume}, {"path", final.string()}, {"bytes", bytes}});
}

Reply backup(const Deps& d, const Request& req, RequestContext& rc) {
    auto host = hostOf(req);
    return guarded(host, [&] {
        auto volume = volumeOf(req);
        volumes::checkVolumeName(volume);
        auto to = req.query().get("to").value_or("");
        if (!to.empty() && to != "server") throw volumes::invalid("to is \"server\" or absent (a download)", "to");
        auto content = std::make_shared<volumes::VolumeContent>(contentOn(*d, host));
        d->trail.record(rc, "volume.backup", "volume", volume,
                        {{"host", hostLabel(host)}, {"to", to.empty() ? "download" : "server"}});
        if (to == "server") return backupToServer(*d, *content, volume);
        return streamed("application/gzip", volume + "-" + utcStamp() + ".tar.gz",
                        [content, volume](RawAnswer& out) {
                            content->backup(volume, [&](std::string_view data) { out.write(data); });
                        });
    });
}

// The upload lands in a private file first: the archive is checked whole before the volume is touched.
class Spool {
public:
    explicit Spool(const std::filesystem::path& dir) {
        std::filesystem::create_directories(dir);
        path_ = dir / ("restore-" + newId("up") + ".tar.gz");
        fd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        if (fd_ < 0) throw std::runtime_error("cannot create " + path_.string());
    }
    ~Spool() {
        if (fd_ >= 0) ::close(fd_);
        std::error_code ec;
        std::filesystem::remove(path_, ec);
    }
    void write(const char* data, std::size_t n) {
        if (::write(fd_, data, n) != static_cast<ssize_t>(n)) throw std::runtime_error("spooling the upload failed");
    }
    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
    int fd_ = -1;
};

void spoolBody(const Request& req, Spool& spool) {
    auto body = StreamedBody::claim(req);
    if (!body) {  // a server without the streamed route (tests of the routes alone): the buffered body
        spool.write(req.body().data(), req.body().size());
        return;
    }
    std::vector<char> buf(256 * 1024);
    try {
        for (std::size_t n; (n = body->read(buf.data(), buf.size())) > 0;) spool.write(buf.data(), n);
    } catch (const std::runtime_error& e) {
        throw volumes::invalid(std::string("the upload did not arrive whole: ") + e.what(), "body");
    }
}

Reply restore(const Deps& d, const Request& req, RequestContext& rc) {
    auto host = hostOf(req);
    volumes::RestoreOptions options{queryFlag(req, "force"), queryFlag(req, "create")};
    if (options.force && rc.principal && rc.principal->role < Role::admin) {
        return Reply::error(403, "forbidden", "replacing a volume's content (force) is for admins", "force");
    }
    return guarded(host, [&] {
        auto volume = volumeOf(req);
        auto content = contentOn(*d, host);
        content.precheckRestore(volume, options);  // 404 / 409 before a byte of the body is read
        Spool spool(content.options().scratchDir);
        spoolBody(req, spool);
        auto result = content.restore(volume, spool.path(), options);
        d->trail.record(rc, "volume.restore", "volume", volume,
                        {{"host", hostLabel(host)}, {"force", options.force}, {"created", result.created},
                         {"replaced", result.replaced}, {"entries", result.entries}});
        return Reply::json(200, {{"volume", volume}, {"host", hostLabel(host)}, {"created", result.created},
                                 {"replaced", result.replaced}, {"entries", result.entries}});
    });
}

}  // namespace

std::vector<Route> volumeContentRoutes(Deps deps) {
    return {
        {Method::Get, "/api/volumes/:name/browse", Role::developer,
         {"A directory's entries (symlinks shown with their target, never followed) or a file's metadata and "
          "text preview (first 1 MiB) in a volume (?path=, ?host=)",
          "volumes", "", 200, "VolumeBrowse"},
         [deps](const auto& req, auto& rc) { return browse(deps, req, rc); }},
        {Method::Get, "/api/volumes/:name/download", Role::developer,
         {"One regular file of a volume, streamed (?path=, ?host=)", "volumes", "", 200, ""},
         [deps](const auto& req, auto& rc) { return download(deps, req, rc); }},
        {Method::Get, "/api/volumes/:name/backup", Role::developer,
         {"The volume as .tar.gz (its labels in .rivetr-volume.json), streamed as application/gzip; ?to=server "
          "writes it to the server's backup directory instead (201)",
          "volumes", "", 200, "",
          AlternateResponse{"to", "\"server\": keep it on the server ([docker] volume_backup_dir)", 201,
                            "VolumeBackupStored"}},
         [deps](const auto& req, auto& rc) { return backup(deps, req, rc); }},
        {Method::Post, "/api/volumes/:name/restore", Role::developer,
         {"Restores a .tar.gz (the request body, streamed) into a new (?create=1) or empty volume; ?force=1 "
          "(admins) replaces a volume's content, keeping the old aside until the restore succeeded",
          "volumes", "", 200, "VolumeRestoreResult"},
         [deps](const auto& req, auto& rc) { return restore(deps, req, rc); }},
    };
}

}  // namespace rivetr::api
