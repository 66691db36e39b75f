// `rivetr volumes browse|cat|backup|restore`: a volume's content from the terminal (subcommands of `volumes`).
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <iostream>

#include "cli/client_command.hpp"
#include "cli/client_commands.hpp"
#include "cli/command_registry.hpp"
#include "cli/output.hpp"

namespace rivetr::cli {
namespace {

using nlohmann::json;

std::string query(const ClientCall& c, std::vector<std::pair<std::string, std::string>> params) {
    if (auto host = c.args.option("host")) params.emplace_back("host", *host);
    std::string q;
    for (const auto& [k, v] : params) q += (q.empty() ? "?" : "&") + k + "=" + pathSegment(v);
    return q;
}

std::string base(const ClientCall& c) { return "/api/volumes/" + pathSegment(positional(c.args, 1, "VOLUME")); }

int list(ClientCall& c) {
    std::string path = c.args.positional.size() > 2 ? c.args.positional[2] : "";
    auto r = c.api.get(base(c) + "/browse" + query(c, {{"path", path}}));
    if (c.json) return printJson(r), 0;
    if (r["kind"] == "file") {
        if (r["preview"]["kind"] == "text") std::cout << r["preview"]["text"].get<std::string>();
        if (r["preview"].contains("notice")) std::cerr << cell(r["preview"]["notice"]) << "\n";
        if (r["preview"]["kind"] != "text") std::cerr << "not shown (" << cell(r["preview"]["kind"]) << "); use cat\n";
        return 0;
    }
    Table t({"MODE", "OWNER", "SIZE", "NAME"});
    for (const auto& e : r["entries"]) {
        std::string name = cell(e["name"]) + (e["type"] == "directory" ? "/" : "");
        if (e["type"] == "symlink") name += " -> " + cell(e["target"]);
        t.add({cell(e["type"]).substr(0, 1) + " " + cell(e["mode"]), cell(e["uid"]) + ":" + cell(e["gid"]),
               humanBytes(e["size"]), name});
    }
    t.print(std::cout, "empty");
    return 0;
}

// The answer's body goes to `out` as it arrives (a file of any size, never held whole).
void fetchTo(ClientCall& c, const std::string& path, std::ostream& out) {
    auto req = c.api.request("GET", path, "*/*");
    req.onData = [&](std::string_view d) { out.write(d.data(), static_cast<std::streamsize>(d.size())); };
    auto r = http::perform(req);
    if (!r.ok()) throw ApiError(0, "the transfer failed: " + r.error);
    if (r.status >= 400) throw ApiError(static_cast<int>(r.status), describeHttpError(r.status, r.body));
}

int cat(ClientCall& c) {
    auto path = positional(c.args, 2, "PATH");
    auto output = c.args.option("output");
    if (!output) return fetchTo(c, base(c) + "/download" + query(c, {{"path", path}}), std::cout), 0;
    std::ofstream file(*output, std::ios::binary | std::ios::trunc);
    fetchTo(c, base(c) + "/download" + query(c, {{"path", path}}), file);
    return 0;
}

int backup(ClientCall& c) {
    if (c.args.has("to-server")) {
        auto r = c.api.get(base(c) + "/backup" + query(c, {{"to", "server"}}));
        if (c.json) return printJson(r), 0;
        std::cout << "written on the server: " << cell(r["path"]) << " (" << humanBytes(r["bytes"]) << ")\n";
        return 0;
    }
    auto output = c.args.option("output");
    if (!output) throw UsageError("backup needs -o FILE (or --to-server)");
    std::string part = *output + ".part";
    {
        std::ofstream file(part, std::ios::binary | std::ios::trunc);
        fetchTo(c, base(c) + "/backup" + query(c, {}), file);
    }
    std::filesystem::rename(part, *output);
    if (!c.json) std::cout << "backed up to " << *output << "\n";
    return 0;
}

int restore(ClientCall& c) {
    const auto& file = positional(c.args, 2, "FILE");
    int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
    struct stat st{};
    if (fd < 0 || ::fstat(fd, &st) != 0) throw ApiError(0, "cannot read " + file);
    std::vector<std::pair<std::string, std::string>> params;
    if (c.args.has("force")) params.emplace_back("force", "1");
    if (c.args.has("create")) params.emplace_back("create", "1");
    auto req = c.api.request("POST", base(c) + "/restore" + query(c, params), "application/json");
    req.headers.push_back("Content-Type: application/gzip");
    req.upload = [fd](char* out, std::size_t max) {
        auto n = ::read(fd, out, max);
        return n > 0 ? static_cast<std::size_t>(n) : std::size_t{0};
    };
    req.uploadLength = static_cast<std::uint64_t>(st.st_size);  // the server needs the length up front
    auto r = http::perform(req);
    ::close(fd);
    if (!r.ok()) throw ApiError(0, "the upload failed: " + r.error);
    if (r.status >= 400) throw ApiError(static_cast<int>(r.status), describeHttpError(r.status, r.body));
    auto j = json::parse(r.body, nullptr, false);
    if (c.json) return printJson(j), 0;
    std::cout << "restored " << cell(j["entries"]) << " entries into " << cell(j["volume"])
              << (j["created"] == true ? " (created)" : "") << (j["replaced"] == true ? " (old content replaced)" : "") << "\n";
    return 0;
}

}  // namespace

std::vector<SubcommandSpec> volumeContentSubcommands() {
    OptionSpec output{"output", "-o", ValueKind::Path, "FILE", "write to FILE", {}, false};
    return {{"browse", "VOLUME [PATH]", "a directory's entries (symlinks shown, never followed) or a text file's first 1 MiB", {}},
            {"cat", "VOLUME PATH", "one file's bytes (to standard output, or -o FILE)", {output}},
            {"backup", "VOLUME", "the volume as .tar.gz (-o FILE), or kept on the server (--to-server)",
             {output, {"to-server", "", ValueKind::None, "", "write it into the server's backup directory", {}, false}}},
            {"restore", "VOLUME FILE", "restore a .tar.gz into a new (--create) or empty volume",
             {{"create", "", ValueKind::None, "", "create the volume, with the archive's labels", {}, false},
              {"force", "", ValueKind::None, "", "replace a non-empty volume's content (admins; the old is kept until it worked)",
               {}, false}}}};
}

SubcommandRunners volumeContentRunners() {
    return {{"browse", list}, {"cat", cat}, {"backup", backup}, {"restore", restore}};
}

}  // namespace rivetr::cli
