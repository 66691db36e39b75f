// A small tmpfs mounted for one test, so a full disk is a real ENOSPC from the kernel, not a fake.
#pragma once

#include <cstdint>
#include <filesystem>

#include "core/non_copyable.hpp"


namespace rivetr::test {

// Mounts a tmpfs of `bytes` (rounded up to pages by the kernel) on `dir` (created if absent) and
// unmounts it when the object dies. Throws when mount(2) is refused: the tests run as root (CI
// does), and a disk-full test that silently skipped would prove nothing.
class SmallTmpfs : NonCopyable {
public:
    SmallTmpfs(std::filesystem::path dir, std::uint64_t bytes);
    ~SmallTmpfs();

    const std::filesystem::path& path() const { return dir_; }
    // Writes a filler file until at most `leave` bytes stay free (what the kernel reports).
    void fillLeaving(std::uint64_t leave) const;
    // Remounts it read-only (EROFS on every write, even for root).
    void makeReadOnly() const;

private:
    std::filesystem::path dir_;
};

}  // namespace rivetr::test
