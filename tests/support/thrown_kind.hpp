// Tests only: the kind of error a call throws, for the errors that carry one (SourceError, BuildError ...), so a
// test states the failure it expects in one line.
#pragma once

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <utility>

namespace rivetr::test {

// The kind of the `Error` that `call` throws, with its what() in `message` when given; nothing, and a test
// failure, when it throws none.
template <typename Error, typename Call>
auto thrownKind(Call&& call, std::string* message = nullptr) -> std::optional<decltype(std::declval<const Error&>().kind())> {
    try {
        std::forward<Call>(call)();
    } catch (const Error& e) {
        if (message) *message = e.what();
        return e.kind();
    }
    ADD_FAILURE() << "the call did not fail";
    return std::nullopt;
}

}  // namespace rivetr::test
