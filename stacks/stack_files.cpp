// Where stacks live on disk: one directory per stack holding its compose file and an optional .env.
#include "stacks/stack_files.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <stdexcept>
#include <system_error>

#include "core/file_write.hpp"
#include "stacks/stack_name.hpp"

namespace rivetr::stacks {
namespace fs = std::filesystem;
namespace {

constexpr const char* kDefaultComposeFile = "compose.yaml";
constexpr const char* kEnvFile = ".env";

void requireValidName(const std::string& name) {
    if (!isValidStackName(name)) throw std::invalid_argument(stackNameRule());
}

// The first compose file name present in `dir`, in preference order. A symlink to a file counts:
// docker compose follows it too.
std::optional<std::string> composeFileIn(const fs::path& dir) {
    for (const auto& name : StackFiles::composeFileNames()) {
        std::error_code ec;
        if (fs::is_regular_file(dir / name, ec)) return name;
    }
    return std::nullopt;
}

// The bytes of `path` as stored (no text-mode translation); nullopt when it does not exist, which a
// read racing a remove may see. Any other failure is an error, not an absent file.
std::optional<std::string> readBytes(const fs::path& path) {
    int fd;
    do {
        fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    } while (fd < 0 && errno == EINTR);
    if (fd < 0 && errno == ENOENT) return std::nullopt;
    if (fd < 0) throw std::system_error(errno, std::generic_category(), "cannot read " + path.string());
    std::string content;
    char buffer[65536];
    for (;;) {
        ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            int err = errno;
            ::close(fd);
            throw std::system_error(err, std::generic_category(), "cannot read " + path.string());
        }
        if (n == 0) break;
        content.append(buffer, static_cast<std::size_t>(n));
    }
    ::close(fd);
    return content;
}

// Creates `dir` (0755, under umask) and the root above it when absent; true when `dir` was created
// here, so that a failed first write can take it away again.
bool ensureDirectory(const fs::path& root, const fs::path& dir) {
    std::error_code ec;
    fs::create_directories(root, ec);
    if (ec) throwWriteError(ec.value(), root);
    if (::mkdir(dir.c_str(), 0755) == 0) return true;
    if (errno != EEXIST) throwWriteError(errno, dir);
    if (!fs::is_directory(dir, ec)) throwWriteError(ENOTDIR, dir);  // a file by the stack's name
    return false;
}

}  // namespace

StackFiles::StackFiles(fs::path root) : root_(std::move(root)) {}

const std::vector<std::string>& StackFiles::composeFileNames() {
    static const std::vector<std::string> names = {"compose.yaml", "compose.yml", "docker-compose.yml",
                                                   "docker-compose.yaml"};
    return names;
}

fs::path StackFiles::directory(const std::string& name) const {
    requireValidName(name);
    return root_ / name;
}

// A missing root is no stacks yet, not an error: it is created by the first write.
std::vector<std::string> StackFiles::list() const {
    std::error_code ec;
    fs::directory_iterator it(root_, ec);
    if (ec == std::errc::no_such_file_or_directory) return {};
    if (ec) throw fs::filesystem_error("cannot list stacks", root_, ec);
    std::vector<std::string> names;
    for (const auto& entry : it) {
        auto name = entry.path().filename().string();
        std::error_code statError;
        if (!isValidStackName(name) || !entry.is_directory(statError)) continue;
        if (composeFileIn(entry.path())) names.push_back(std::move(name));
    }
    std::sort(names.begin(), names.end());
    return names;
}

std::optional<StackFilesContent> StackFiles::read(const std::string& name) const {
    auto dir = directory(name);
    auto file = composeFileIn(dir);
    if (!file) return std::nullopt;
    auto compose = readBytes(dir / *file);
    if (!compose) return std::nullopt;  // removed between the look and the read
    return StackFilesContent{*file, std::move(*compose), readBytes(dir / kEnvFile), dir};
}

// A stack created by this call and failing half way is removed again: a failed create leaves nothing.
void StackFiles::write(const std::string& name, std::string_view compose, const std::optional<std::string>& env) {
    auto dir = directory(name);
    bool created = ensureDirectory(root_, dir);
    try {
        auto file = composeFileIn(dir).value_or(kDefaultComposeFile);
        writeFileAtomically(dir / file, compose, 0644);
        if (env) writeFileAtomically(dir / kEnvFile, *env, 0600);
    } catch (...) {
        std::error_code ec;
        if (created) fs::remove_all(dir, ec);
        throw;
    }
}

// fs::status follows a symlink (a linked stack counts as existing); remove_all then removes the
// link itself, not what it points to.
bool StackFiles::remove(const std::string& name) {
    auto dir = directory(name);
    std::error_code ec;
    auto status = fs::status(dir, ec);
    if (ec && ec != std::errc::no_such_file_or_directory) throw fs::filesystem_error("cannot remove stack", dir, ec);
    if (!fs::is_directory(status)) return false;
    fs::remove_all(dir);
    return true;
}

}  // namespace rivetr::stacks
