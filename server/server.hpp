// Rivetr's running parts wired together: store, proxy, engine and API, started in dependency order
// and stopped in reverse. `rivetr serve` is this plus signal handling.
#pragma once

#include <memory>

#include "core/config.hpp"
#include "core/non_copyable.hpp"

namespace rivetr::server {

class Server : NonCopyable {
public:
    // Opens the data directory, starts the proxy, brings the live apps back, then answers the API.
    // Throws (the API port taken, an unreadable key file) with everything started so far stopped.
    explicit Server(Config cfg);
    ~Server();

    // The API stops taking requests (8 s to finish), in-flight deployments end cancelled (the live
    // containers keep running), the proxy drains, the store closes. Idempotent.
    void stop();

    struct Parts;  // the running parts, defined in server.cpp

private:
    std::unique_ptr<Parts> parts_;
};

}  // namespace rivetr::server
