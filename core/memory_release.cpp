// Hands memory the allocator keeps after start-up back to the OS, once, so an idle server's RSS is what it uses.
#include "core/memory_release.hpp"

#include <cstddef>

// jemalloc's control entry point when the executable links it (rivetr_link_allocator); weak, so the
// same code links without it and then does nothing.
extern "C" int mallctl(const char* name, void* oldp, std::size_t* oldlenp, void* newp, std::size_t newlen)
    __attribute__((weak));

namespace rivetr {

void releaseFreedMemory() noexcept {
    // MALLCTL_ARENAS_ALL (4096): every arena at once.
    if (mallctl) mallctl("arena.4096.purge", nullptr, nullptr, nullptr, 0);
}

}  // namespace rivetr
