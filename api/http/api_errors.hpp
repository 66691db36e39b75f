// Exceptions a handler throws to answer a client error; the middleware maps each to its status.
#pragma once

#include <stdexcept>
#include <string>

namespace rivetr::api {

// 400: the request is malformed; `field` names the offending input ("" when it is the whole body).
class ValidationError : public std::runtime_error {
public:
    ValidationError(std::string field, const std::string& message)
        : std::runtime_error(message), field_(std::move(field)) {}
    const std::string& field() const { return field_; }

private:
    std::string field_;
};

// 404: the named resource does not exist (or the caller may not know it exists).
class NotFoundError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

}  // namespace rivetr::api
