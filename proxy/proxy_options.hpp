// Settings of the data plane; `rivetr serve` maps the [server]/[proxy] config sections onto it.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace rivetr::proxy {

struct ProxyOptions {
    std::string host = "0.0.0.0";
    std::uint16_t httpPort = 80;          // 0: pick a free port (tests); see Proxy::httpPort()
    std::uint16_t httpsPort = 0;          // 0: TLS listener off
    bool httpsEnabled = false;
    unsigned workers = 0;                 // io_contexts (one thread each, SO_REUSEPORT); 0 = cores

    std::size_t maxHeaderBytes = 16 * 1024;
    std::uint64_t maxBodyBytes = 1024ull * 1024 * 1024;  // per request; 413 beyond
    std::size_t streamChunkBytes = 64 * 1024;            // relay buffer per direction

    std::chrono::milliseconds headerTimeout{10000};   // whole request header (slowloris)
    std::chrono::milliseconds idleTimeout{60000};     // keep-alive client between requests
    std::chrono::milliseconds bodyStallTimeout{30000};// no body byte for this long: close (slow client)
    std::chrono::milliseconds requestTimeout{60000};  // upstream response header, else 504
    std::chrono::milliseconds connectTimeout{5000};
    std::chrono::milliseconds tlsHandshakeTimeout{10000};
    std::chrono::milliseconds upstreamIdleTimeout{15000};  // pooled connections older than this are dropped
    std::chrono::milliseconds drainTimeout{30000};
    std::size_t maxIdlePerUpstream = 256;
};

}  // namespace rivetr::proxy
