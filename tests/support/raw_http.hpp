// A TCP client that speaks HTTP/1.1 by hand, for what curl will not send: a declared length with no
// body, a head that stalls, an unknown method, a body the server refuses half-way.
#pragma once

#include <chrono>
#include <map>
#include <string>
#include <string_view>

#include "core/non_copyable.hpp"


namespace rivetr::test {

struct RawResponse {
    int status = 0;  // 0: no complete status line arrived
    std::map<std::string, std::string> headers;  // lower-case names
    std::string body;
};

class RawConnection : NonCopyable {
public:
    explicit RawConnection(int port);  // to 127.0.0.1; throws when it cannot connect
    ~RawConnection();

    // Writes all of `bytes`; false once the server has closed or reset the connection.
    bool send(std::string_view bytes);
    // Sends `total` bytes of filler in large writes (a body); false as send().
    bool sendFiller(std::size_t total);
    // One response (its head, then Content-Length bytes of body, or up to the server's close), read
    // within `timeout`; status 0 when none arrived in time.
    RawResponse readResponse(std::chrono::milliseconds timeout);
    // True when the server closes (or resets) the connection within `timeout`.
    bool closedWithin(std::chrono::milliseconds timeout);

private:
    int fd_ = -1;
    std::string pending_;  // bytes read past the last response
};

}  // namespace rivetr::test
