// An error about one named input (a request field, a column's API field): the message plus which field it is.
#pragma once

#include <stdexcept>
#include <string>

namespace rivetr {

// The base of every "this input is wrong" error, so each layer's error (a 400 from the API, a
// conflict from the store, a refused host address) names its field the same way.
class FieldError : public std::runtime_error {
public:
    FieldError(std::string field, const std::string& message) : std::runtime_error(message), field_(std::move(field)) {}
    const std::string& field() const { return field_; }

private:
    std::string field_;
};

}  // namespace rivetr
