// Helpers for proxy integration tests: a started Proxy on free ports and requests with a chosen Host.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "proxy/proxy.hpp"
#include "tests/support/test_support.hpp"

namespace rivetr::proxy::test {

inline ProxyOptions testOptions() {
    ProxyOptions o;
    o.host = "127.0.0.1";
    o.httpPort = 0;
    o.workers = 2;
    return o;
}

inline AppRoute app(const std::string& id, std::vector<std::string> domains, std::vector<std::uint16_t> ports) {
    AppRoute a;
    a.appId = id;
    a.domains = std::move(domains);
    for (auto p : ports) a.targets.push_back({"127.0.0.1", p});
    return a;
}

inline rivetr::test::HttpResponse get(std::uint16_t port, const std::string& host, const std::string& path,
                                      std::vector<std::string> headers = {}) {
    rivetr::test::HttpRequest r;
    r.url = "http://127.0.0.1:" + std::to_string(port) + path;
    headers.push_back("Host: " + host);
    r.headers = std::move(headers);
    return rivetr::test::http(r);
}

}  // namespace rivetr::proxy::test
