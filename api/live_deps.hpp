// What the live-data routes need beyond the store: the container runtime, the data plane, figures.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "api/api_metrics.hpp"
#include "proxy/certificate_status.hpp"
#include "proxy/metrics.hpp"
#include "runtime/container_runtime.hpp"

namespace rivetr::api {

// The data plane's view of some domains' certificates.
struct CertificateView {
    bool tls = false;   // the proxy serves HTTPS
    bool acme = false;  // certificates are ordered automatically
    std::vector<proxy::CertificateStatus> certificates;
};

// Where users and git providers reach this server from outside (the dashboard builds app and webhook URLs).
struct PublicAddress {
    std::uint16_t httpPort = 80;    // the proxy's plain HTTP listener
    std::uint16_t httpsPort = 443;  // its HTTPS listener, when `tls`
    bool tls = false;               // the proxy serves HTTPS (ACME on): domains with a certificate
    std::string publicUrl;          // [server] public_url; empty: unset
    // The control API's own address ("http://127.0.0.1:8080"): where a test delivery goes while
    // public_url is unset (proving the secret, not the reachability); empty: no test without public_url.
    std::string selfUrl;
};

struct LiveDeps {
    // The connected runtime, nullptr while the engine is unreachable (routes answer 503).
    std::function<std::shared_ptr<runtime::ContainerRuntime>()> runtime = [] {
        return std::shared_ptr<runtime::ContainerRuntime>();
    };
    std::function<proxy::MetricsSnapshot()> proxyFigures;  // empty: no proxy series in /metrics
    // Empty: the proxy serves plain HTTP only (every domain's state is "none").
    std::function<CertificateView(const std::vector<std::string>& domains)> certificates;
    std::filesystem::path dataDir = ".";                // whose disk /api/system reports
    PublicAddress address;                              // what /api/system tells the dashboard
    ApiMetrics metrics;                                 // the middleware's observer
};

}  // namespace rivetr::api
