// A keep-alive upstream for framing tests that records every byte it receives and echoes each request it parses.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "core/non_copyable.hpp"


namespace rivetr::proxy::test {

// Answers each request it parses off a connection, in order, as a naive keep-alive server would:
// the body of the answer is "<METHOD> <target> <decoded request body>". GET /empty-chunked gets
// a chunked answer with an empty body. Bytes that do not parse as a request (what a proxy that
// framed a body wrong would leave behind) get a 400 and the connection closes, as nginx does.
class EchoUpstream : NonCopyable {
public:
    EchoUpstream();
    ~EchoUpstream();

    std::uint16_t port() const;
    int requests() const;     // requests parsed and answered
    int badRequests() const;  // stretches of bytes that were no request
    // Every byte received, across connections, in arrival order per connection.
    std::string received() const;

    struct Impl;

private:
    std::unique_ptr<Impl> impl_;
};

}  // namespace rivetr::proxy::test
