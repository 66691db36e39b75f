// HTTPS to the ACME server over libcurl: one request, its status, lower-case headers and body.
#pragma once

#include <chrono>
#include <map>
#include <string>

namespace rivetr::proxy::acme {

struct HttpReply {
    long status = 0;  // 0: transport error (see error)
    std::map<std::string, std::string> headers;  // lower-case names
    std::string body;
    std::string error;
};

class Transport {
public:
    // `caBundle`: extra CA file to trust (pebble's listener certificate in tests); empty = system store.
    explicit Transport(std::string caBundle = {}, std::chrono::milliseconds timeout = std::chrono::seconds(30))
        : caBundle_(std::move(caBundle)), timeout_(timeout) {}
    HttpReply get(const std::string& url) const;
    HttpReply head(const std::string& url) const;
    HttpReply postJose(const std::string& url, const std::string& body) const;  // application/jose+json

private:
    HttpReply perform(const std::string& method, const std::string& url, const std::string* body) const;
    std::string caBundle_;
    std::chrono::milliseconds timeout_;
};

}  // namespace rivetr::proxy::acme
