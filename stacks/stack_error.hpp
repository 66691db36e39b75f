// The stack service's refusals in HTTP terms: status, machine-readable code, message and field.
#pragma once

#include <stdexcept>
#include <string>

namespace rivetr::stacks {

// 400 invalid input, 404 no such stack/service, 409 exists or conflicts with the state, 422 a deploy
// that failed (naming its service), 503 the engine is unreachable.
class StackError : public std::runtime_error {
public:
    StackError(int status, std::string code, const std::string& message, std::string field = {})
        : std::runtime_error(message), status_(status), code_(std::move(code)), field_(std::move(field)) {}
    int status() const { return status_; }
    const std::string& code() const { return code_; }
    const std::string& field() const { return field_; }

private:
    int status_;
    std::string code_, field_;
};

}  // namespace rivetr::stacks
