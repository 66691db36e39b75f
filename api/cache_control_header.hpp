// Cache-Control as a typed header with a free-form value: Pistache's own CacheControl cannot say
// "immutable", and raw headers are dropped from responses.
#pragma once

#include <pistache/http_header.h>

#include <string>

namespace rivetr::api {

class CacheControlValue : public Pistache::Http::Header::Header {
public:
    NAME("Cache-Control")
    CacheControlValue() = default;
    explicit CacheControlValue(std::string value) : value_(std::move(value)) {}
    void parse(const std::string& data) override { value_ = data; }
    void write(std::ostream& os) const override { os << value_; }
    const std::string& value() const { return value_; }

private:
    std::string value_;
};

}  // namespace rivetr::api
