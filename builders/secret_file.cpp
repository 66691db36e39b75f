// A file for secrets handed to a child program: created 0600 (never readable by others), removed on destruction.
#include "builders/secret_file.hpp"

#include <unistd.h>

#include "core/file_write.hpp"
#include "core/ids.hpp"

namespace rivetr::builders {

SecretFile::SecretFile(const std::filesystem::path& dir, const std::string& prefix, const std::string& content) {
    if (std::filesystem::create_directories(dir))
        std::filesystem::permissions(dir, std::filesystem::perms::owner_all);  // 0700: only Rivetr lists it
    path_ = dir / newId(prefix);
    // O_EXCL + mode 0600 at creation: there is no moment when the file is readable by others.
    writeFileChecked(path_, content, {.mode = 0600, .exclusive = true});
}

SecretFile::~SecretFile() { ::unlink(path_.c_str()); }

}  // namespace rivetr::builders
