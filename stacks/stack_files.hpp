// Where stacks live on disk: one directory per stack holding its compose file and an optional .env.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rivetr::stacks {

struct StackFilesContent {
    std::string composeFile;         // its file name, e.g. "compose.yaml"
    std::string compose;             // the bytes as stored
    std::optional<std::string> env;  // .env's bytes; nullopt when there is no .env
    std::filesystem::path directory;
};

// The stacks under `root`: `<root>/<name>/` with one of composeFileNames() and an optional `.env`,
// the layout `docker compose` itself reads, so a user may edit or adopt the folders by hand.
//
// Every method taking a name throws std::invalid_argument(stackNameRule()) for an invalid name
// before touching the disk: valid names are single safe path segments, so no path traversal.
//
// Thread-safety: callers serialise writes and removes per stack (the stack service does). A read
// may race a write: each file is replaced by an atomic rename, so a reader sees the old or the new
// file whole (the compose file and .env are two files, and may be seen one old, one new).
class StackFiles {
public:
    explicit StackFiles(std::filesystem::path root);

    // {"compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml"}: compose v2's
    // preference order, used to find a stack's file.
    static const std::vector<std::string>& composeFileNames();

    // Directories under root holding a compose file, sorted. Folders whose names are not valid
    // stack names are skipped: adopting them proposes a name (proposeStackName).
    std::vector<std::string> list() const;

    // nullopt when the stack does not exist (no compose file). Throws std::system_error on a read
    // failure other than absence.
    std::optional<StackFilesContent> read(const std::string& name) const;

    // Writes exactly the bytes given. The compose file keeps its existing name (a
    // docker-compose.yml stays one), else compose.yaml. env: a value replaces .env (mode 0600: it
    // holds secrets), "" included; nullopt leaves .env as it is. Each file is replaced atomically
    // (writeFileAtomically); the pair is not. Errors are FileWriteError.
    void write(const std::string& name, std::string_view compose, const std::optional<std::string>& env);

    // Removes the stack's directory tree; false when there was none. A symlinked stack directory
    // loses only the link, never the files it points to.
    bool remove(const std::string& name);

    std::filesystem::path directory(const std::string& name) const;
    const std::filesystem::path& root() const { return root_; }

private:
    std::filesystem::path root_;
};

}  // namespace rivetr::stacks
