// Response headers with a free-form text value, as typed Pistache headers: Pistache 0.0.5 drops raw
// headers from responses, and its own typed ones cannot say everything (Cache-Control "immutable").
#pragma once

#include <pistache/http_header.h>

#include <string>

namespace rivetr::api {

template <const char* HeaderName>
class TextHeader : public Pistache::Http::Header::Header {
public:
    NAME(HeaderName)
    TextHeader() = default;
    explicit TextHeader(std::string value) : value_(std::move(value)) {}
    void parse(const std::string& data) override { value_ = data; }
    void write(std::ostream& os) const override { os << value_; }
    const std::string& value() const { return value_; }

private:
    std::string value_;
};

inline constexpr char kXRequestId[] = "X-Request-Id";
inline constexpr char kCacheControl[] = "Cache-Control";
inline constexpr char kVary[] = "Vary";
inline constexpr char kSetCookie[] = "Set-Cookie";

using XRequestId = TextHeader<kXRequestId>;
using CacheControlValue = TextHeader<kCacheControl>;
using VaryHeader = TextHeader<kVary>;
using SetCookieHeader = TextHeader<kSetCookie>;

}  // namespace rivetr::api
