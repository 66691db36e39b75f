// The X-Request-Id header as a typed Pistache header (Pistache drops raw headers from responses).
#pragma once

#include <pistache/http_header.h>

#include <string>

namespace rivetr::api {

class XRequestId : public Pistache::Http::Header::Header {
public:
    NAME("X-Request-Id")
    XRequestId() = default;
    explicit XRequestId(std::string value) : value_(std::move(value)) {}
    void parse(const std::string& data) override { value_ = data; }
    void write(std::ostream& os) const override { os << value_; }
    const std::string& value() const { return value_; }

private:
    std::string value_;
};

}  // namespace rivetr::api
