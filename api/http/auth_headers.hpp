// Response headers authentication sets, as typed Pistache headers (it drops raw ones from responses).
#pragma once

#include <pistache/http_header.h>

#include <string>

#include "api/http/text_header.hpp"  // SetCookieHeader

namespace rivetr::api {

class RetryAfterHeader : public Pistache::Http::Header::Header {
public:
    NAME("Retry-After")
    RetryAfterHeader() = default;
    explicit RetryAfterHeader(long long seconds) : seconds_(seconds) {}
    void parse(const std::string& data) override { seconds_ = std::stoll(data); }
    void write(std::ostream& os) const override { os << seconds_; }

private:
    long long seconds_ = 0;
};

}  // namespace rivetr::api
