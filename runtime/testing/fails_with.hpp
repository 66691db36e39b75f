// Tests only: "this call fails with a RuntimeError of this kind, saying this" as one assertion whose failure says what came instead.
#pragma once

#include <gtest/gtest.h>

#include <functional>
#include <string>

#include "runtime/runtime_error.hpp"

namespace rivetr::runtime::testing {

// Success when `call` throws a RuntimeError of `kind` whose daemon message contains `says` ("": any message).
inline ::testing::AssertionResult failsWith(const std::function<void()>& call, ErrorKind kind, const std::string& says = "") {
    try {
        call();
    } catch (const RuntimeError& e) {
        if (e.kind() != kind) return ::testing::AssertionFailure() << "expected " << toString(kind) << ", got " << e.what();
        if (e.daemonMessage().find(says) == std::string::npos) {
            return ::testing::AssertionFailure() << "the message \"" << e.daemonMessage() << "\" does not say \"" << says << "\"";
        }
        return ::testing::AssertionSuccess();
    }
    return ::testing::AssertionFailure() << "it did not fail (expected " << toString(kind) << ")";
}

}  // namespace rivetr::runtime::testing
