// A write refused because it collides with existing data (a taken name or domain): the caller's fault.
#pragma once

#include <stdexcept>
#include <string>

#include "core/field_error.hpp"
#include "store/database.hpp"

namespace rivetr::store {

class ConflictError : public FieldError {
public:
    using FieldError::FieldError;
};

// Turns a UNIQUE violation on one of `columns` ({"apps.name", "name"}...) into a ConflictError
// for the matching API field; rethrows anything else unchanged.
[[noreturn]] void rethrowAsConflict(const DbError& e,
                                    std::initializer_list<std::pair<const char*, const char*>> columnToField);

}  // namespace rivetr::store
