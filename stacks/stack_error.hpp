// The stack service's refusals are the Docker manager's: one HTTP-shaped error (status, code, message, field).
#pragma once

#include "containers/container_error.hpp"

namespace rivetr::stacks {

// 400 invalid input, 404 no such stack/service, 409 exists or conflicts with the state, 422 a deploy that
// failed (naming its service in field()), 503 the engine is unreachable; the policy's 403 is the same type.
using StackError = containers::ContainerError;

}  // namespace rivetr::stacks
