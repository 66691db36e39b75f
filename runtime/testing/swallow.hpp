// Test clean-up on the engine that must not fail the test: what is already gone, or busy, is left be.
#pragma once

#include "runtime/runtime_error.hpp"

namespace rivetr::runtime::testing {

template <typename F>
void swallow(F f) {
    try {
        f();
    } catch (const RuntimeError&) {
    }
}

}  // namespace rivetr::runtime::testing
