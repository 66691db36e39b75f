// What a path in a volume is, as the browse helper reports it: a directory's entries or one file's metadata.
#include "volumes/volume_listing.hpp"

#include <algorithm>
#include <charconv>

namespace rivetr::volumes {
namespace {

// One record per entry: "<mode hex> <size> <uid> <gid> <mtime> <%N>", where %N is the bare name, or
// 'name' -> 'target' for a symlink (busybox does not escape either; the target's length is the size).
constexpr std::string_view kScript = R"(p="$1"
r=$(/bin/busybox realpath "$p" 2>/dev/null) || { echo missing; exit 0; }
[ "$r" = "$p" ] || { echo through-symlink; exit 0; }
f='%f %s %u %g %Y %N'
if [ -d "$p" ] && [ ! -L "$p" ]; then
  echo directory
  exec /bin/busybox find "$p" -mindepth 1 -maxdepth 1 -exec /bin/busybox stat -c "$f" {} +
fi
echo file
exec /bin/busybox stat -c "$f" "$p"
)";

std::string typeOf(unsigned rawMode) {
    switch (rawMode & 0170000) {
        case 0040000: return "directory";
        case 0120000: return "symlink";
        case 0010000: return "fifo";
        case 0140000: return "socket";
        case 0020000: return "char_device";
        case 0060000: return "block_device";
        default: return "file";
    }
}

template <typename T>
bool number(std::string_view& s, T& out, int base = 10) {
    auto sp = s.find(' ');
    if (sp == std::string_view::npos || sp == 0) return false;
    auto [end, ec] = std::from_chars(s.data(), s.data() + sp, out, base);
    if (ec != std::errc() || end != s.data() + sp) return false;
    s.remove_prefix(sp + 1);
    return true;
}

std::string_view lastComponent(std::string_view p) {
    auto slash = p.rfind('/');
    return slash == std::string_view::npos ? p : p.substr(slash + 1);
}

// The %N part: a symlink's is 'path' -> 'target', where the target has exactly `size` bytes.
void nameAndTarget(std::string_view rest, VolumeFileEntry& e) {
    constexpr std::string_view kArrow = "' -> '";
    if (e.type == "symlink" && rest.size() >= e.size + kArrow.size() + 2 && rest.front() == '\'' &&
        rest.back() == '\'') {
        e.target = std::string(rest.substr(rest.size() - 1 - e.size, e.size));
        rest = rest.substr(1, rest.size() - 2 - e.size - kArrow.size());
    }
    e.name = std::string(lastComponent(rest));
}

std::optional<VolumeFileEntry> parseRecord(std::string_view line) {
    VolumeFileEntry e;
    unsigned raw = 0;
    if (!number(line, raw, 16) || !number(line, e.size) || !number(line, e.uid) || !number(line, e.gid) ||
        !number(line, e.mtime)) {
        return std::nullopt;
    }
    e.type = typeOf(raw);
    e.mode = raw & 07777;
    nameAndTarget(line, e);
    return e;
}

bool directoriesFirst(const VolumeFileEntry& a, const VolumeFileEntry& b) {
    bool ad = a.type == "directory", bd = b.type == "directory";
    return ad != bd ? ad : a.name < b.name;
}

}  // namespace

std::string_view browseScript() { return kScript; }

PathReport parseBrowseOutput(std::string_view out, bool truncated) {
    PathReport report;
    auto eol = out.find('\n');
    auto head = out.substr(0, eol);
    out = eol == std::string_view::npos ? std::string_view{} : out.substr(eol + 1);
    if (head == "through-symlink") report.kind = PathKind::ThroughSymlink;
    if (head == "directory") report.kind = PathKind::Directory;
    if (head == "file") report.kind = PathKind::File;
    if (report.kind != PathKind::Directory && report.kind != PathKind::File) return report;
    std::string pending;  // a record whose name may go on over the next line (a name with a newline)
    auto flush = [&] {
        if (auto e = parseRecord(pending)) report.entries.push_back(std::move(*e));
        pending.clear();
    };
    while (!out.empty()) {
        eol = out.find('\n');
        auto line = out.substr(0, eol);
        out = eol == std::string_view::npos ? std::string_view{} : out.substr(eol + 1);
        if (!pending.empty() && !parseRecord(line)) {
            pending.append("\n").append(line);
            continue;
        }
        if (!pending.empty()) flush();
        pending = std::string(line);
    }
    // The helper's output cut short mid-record: the last one is incomplete, so it is left out.
    if (!pending.empty() && !truncated) flush();
    report.truncated = truncated;
    std::sort(report.entries.begin(), report.entries.end(), directoriesFirst);
    return report;
}

}  // namespace rivetr::volumes
