// One open text/event-stream response: SSE framing and chunked encoding written on its own copy of the socket.
#pragma once

#include <pistache/peer.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/non_copyable.hpp"


namespace rivetr::api {

// Why not Pistache's ResponseStream: its flush() drains the transport's write queue on the
// calling thread, racing the reactor ("Assertion Error: could not find write data" aborts the
// process), so a stream can only be written from the handler's own thread. Instead the stream
// writes on a dup() of the connection's socket (the descriptor number stays ours even when
// Pistache closes its own), non-blocking, with a bounded backlog for slow clients. The response
// says `Connection: close`; close() ends the chunked body and shuts the socket down.
// Used by one thread at a time (the SSE hub's).
class SseStream : NonCopyable {
public:
    // Takes ownership of `fd` (already a duplicate) and queues the response head.
    SseStream(int fd, const std::string& requestId);
    ~SseStream();

    // `id: N\nevent: NAME\ndata: ...\n\n`; false once the client is gone or the stream was closed.
    bool event(std::string_view name, std::optional<std::int64_t> id, std::string_view data);
    // The same with an id that is not a number (empty: none).
    bool event(std::string_view name, std::string_view id, std::string_view data);
    // `: text` — a comment clients ignore; keeps proxies and idle timers from cutting the stream.
    bool comment(std::string_view text);
    // Writes what an earlier call could not (the client was slow); false when it is gone.
    bool flushPending();
    // Ends the chunked body and the connection (idempotent).
    void close();
    // false once closed, or once the client hung up (checked without reading).
    bool open();

private:
    bool write(std::string_view bytes);
    bool writeChunk(const std::string& text);

    int fd_;
    std::string backlog_;
    bool closed_ = false;
};

// Takes the connection over from Pistache for a stream and sends the 200 with the SSE headers at once;
// nullptr when no descriptor is left. On the connection's reactor thread, while the peer is open, so
// the descriptor duplicated is that connection's and not a number another connection reuses.
std::shared_ptr<SseStream> openSseStream(Pistache::Tcp::Peer& peer, const std::string& requestId);

// The SSE wire text of one event (exposed for the unit test). Multi-line data becomes several
// `data:` lines, as the format requires.
std::string formatSseEvent(std::string_view name, std::optional<std::int64_t> id, std::string_view data);
std::string formatSseEvent(std::string_view name, std::string_view id, std::string_view data);

}  // namespace rivetr::api
