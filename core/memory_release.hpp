// Hands memory the allocator keeps after start-up back to the OS, once, so an idle server's RSS is what it uses.
#pragma once

namespace rivetr {

// With jemalloc: purges every arena's dirty pages (start-up builds big temporaries: migrations, the
// route table, the OpenAPI document). Without it (sanitizer builds, glibc): nothing. Never throws.
void releaseFreedMemory() noexcept;

}  // namespace rivetr
