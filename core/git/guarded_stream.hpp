// A plain TCP stream for libgit2 whose connect, reads and writes wait in short slices and ask the
// current TransferGuard between them, so a server that stalls (even before its first byte) is cut off.
#pragma once

namespace rivetr::git {

// Registers the stream as libgit2's GIT_STREAM_STANDARD (HTTP, and the socket under TLS and SSH).
// Idempotent; call after git_libgit2_init().
void registerGuardedStream();

}  // namespace rivetr::git
