// Exceptions a handler throws to answer a client error; the middleware maps each to its status.
#pragma once

#include <stdexcept>
#include <string>

#include "core/field_error.hpp"

namespace rivetr::api {

// 400: the request is malformed; `field` names the offending input ("" when it is the whole body).
class ValidationError : public FieldError {
public:
    using FieldError::FieldError;
};

// 404: the named resource does not exist (or the caller may not know it exists).
class NotFoundError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

}  // namespace rivetr::api
