// Active health checks: one loop per target with a check configured, reporting each result to the target.
#pragma once

#include <memory>

#include "proxy/asio.hpp"
#include "proxy/target.hpp"

namespace rivetr::proxy {

// Runs on `ex` until the target drains or `ex`'s context stops. GET <path> with Host: <host:port>;
// 2xx/3xx within the timeout counts as a success.
void startHealthChecks(Executor ex, std::shared_ptr<Target> target);

// One check, exposed for tests: true when the endpoint answered 2xx/3xx in time.
Task<bool> checkOnce(const Endpoint& ep, const HealthCheckSpec& spec);

}  // namespace rivetr::proxy
