// What the app routes read live beyond the store: the container runtime and the data plane's certificates.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "proxy/certificate_status.hpp"
#include "runtime/container_runtime.hpp"

namespace rivetr::api {

// The data plane's view of some domains' certificates.
struct CertificateView {
    bool tls = false;   // the proxy serves HTTPS
    bool acme = false;  // certificates are ordered automatically
    std::vector<proxy::CertificateStatus> certificates;
};

struct LiveView {
    // The connected runtime, nullptr while the engine is unreachable (routes answer 503).
    std::function<std::shared_ptr<runtime::ContainerRuntime>()> runtime = [] {
        return std::shared_ptr<runtime::ContainerRuntime>();
    };
    // Empty: the proxy serves plain HTTP only (every domain's state is "none").
    std::function<CertificateView(const std::vector<std::string>& domains)> certificates;
};

}  // namespace rivetr::api
