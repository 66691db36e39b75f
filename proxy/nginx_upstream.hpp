// nginx as a real upstream for proxy tests: answers "<METHOD> <uri>" and logs the status of every request it parsed.
#pragma once

#include <cstdint>
#include <string>

#include "core/subprocess.hpp"
#include "tests/support/test_support.hpp"

namespace rivetr::proxy::test {

class NginxUpstream {
public:
    // Throws std::runtime_error when nginx is missing or does not start (scripts/setup.sh installs it).
    NginxUpstream();
    std::uint16_t port() const { return port_; }
    // One line per request nginx parsed: "<status> <request line>".
    std::string accessLog() const;

private:
    rivetr::test::TempDir dir_{"rivetr-nginx"};
    std::uint16_t port_ = 0;
    std::optional<Process> process_;
};

}  // namespace rivetr::proxy::test
