// The one error the Docker manager's container operations throw: an HTTP-shaped refusal naming the field and the rule.
#pragma once

#include <stdexcept>
#include <string>

#include "hosts/host_directory.hpp"
#include "runtime/runtime_error.hpp"

namespace rivetr::containers {

// `status` is what the API answers (400 malformed, 403 policy, 404 unknown, 409 invalid in the
// current state or owned by an app, 502 the engine failed, 503 the engine is unreachable); `code` is
// the machine-readable reason and `field` the input it is about ("" for none).
class ContainerError : public std::runtime_error {
public:
    ContainerError(int status, std::string code, const std::string& message, std::string field = {})
        : std::runtime_error(message), status_(status), code_(std::move(code)), field_(std::move(field)) {}
    int status() const { return status_; }
    const std::string& code() const { return code_; }
    const std::string& field() const { return field_; }

private:
    int status_;
    std::string code_;
    std::string field_;
};

// 400 `invalid_container_config` naming the field.
[[noreturn]] void invalidField(const std::string& field, const std::string& message);

// The engine's refusal in the manager's terms, its message kept verbatim: NotFound 404, a state the
// action does not fit (pause a stopped container) 409, a taken name or port 409, a bad argument 400,
// unreachable 503, anything else 502.
ContainerError fromRuntime(const runtime::RuntimeError& e);

// Runs `f`, a call into a host's engine: the engine's refusals become ContainerErrors through
// `translate` (a manager may read some of them its own way), an unknown host 404 on the field "host".
template <typename F, typename Translate = ContainerError (*)(const runtime::RuntimeError&)>
auto onEngine(F&& f, Translate translate = &fromRuntime) -> decltype(f()) {
    try {
        return f();
    } catch (const runtime::RuntimeError& e) {
        throw translate(e);
    } catch (const hosts::HostNotFound& e) {
        throw ContainerError(404, "host_not_found", e.what(), "host");
    }
}

}  // namespace rivetr::containers
