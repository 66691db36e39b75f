// An HTTP answer written straight onto a connection taken from Pistache: for bodies streamed as they are made.
#pragma once

#include <string>
#include <string_view>

#include "api/http/reply.hpp"

namespace rivetr::api {

// Why: Pistache 0.0.5's chunked stream is broken for binary bodies (DESIGN.md) and a reply is one
// buffer; a file or a backup of any size goes out here in pieces as the engine sends them. The head is
// written with the first byte, so a failure before it is still a proper JSON error; after it, the
// connection is cut before the last chunk (the client sees a truncated body, never a complete one). Blocking; owns `fd`.
class RawAnswer {
public:
    RawAnswer(int fd, std::string contentType, std::string filename);
    ~RawAnswer();
    RawAnswer(const RawAnswer&) = delete;
    RawAnswer& operator=(const RawAnswer&) = delete;

    void write(std::string_view data);  // throws std::runtime_error once the client is gone
    void finish();                      // the body is complete
    void fail(const Reply& error);      // a JSON error if nothing was sent yet; else the connection is cut

private:
    void head(int status, const std::string& type, const std::string& extra);
    void send(std::string_view data);
    int fd_;
    std::string contentType_, filename_;
    bool started_ = false;
};

// "my volume/ü.txt" → "my_volume__.txt": what a Content-Disposition filename may hold.
std::string safeFilename(std::string_view name);

}  // namespace rivetr::api
