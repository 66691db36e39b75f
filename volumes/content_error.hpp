// Why a volume-content operation was refused, in terms the API turns into a status (400, 404, 409, 503).
#pragma once

#include <stdexcept>
#include <string>

namespace rivetr::volumes {

enum class ContentErrorKind { Invalid, NotFound, Conflict, Unavailable };

class ContentError : public std::runtime_error {
public:
    ContentError(ContentErrorKind kind, const std::string& message, std::string field = {})
        : std::runtime_error(message), kind_(kind), field_(std::move(field)) {}
    ContentErrorKind kind() const { return kind_; }
    const std::string& field() const { return field_; }

private:
    ContentErrorKind kind_;
    std::string field_;
};

inline ContentError invalid(const std::string& message, std::string field = {}) {
    return {ContentErrorKind::Invalid, message, std::move(field)};
}

}  // namespace rivetr::volumes
