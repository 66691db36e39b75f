// `rivetr backup` and `rivetr restore`: the server's data dir, keys, certificates and config in one archive.
#pragma once

#include <string>
#include <vector>

namespace rivetr::cli {

// rivetr backup -o FILE [--config PATH] [--json]: safe while `rivetr serve` runs.
int runBackup(const std::vector<std::string>& args);
// rivetr restore FILE [--data-dir D] [--config PATH] [--force] [--json]
int runRestore(const std::vector<std::string>& args);

}  // namespace rivetr::cli
