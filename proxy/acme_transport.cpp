// One fresh connection per request (core/http_client): ACME traffic is a handful of requests per certificate.
#include "proxy/acme_transport.hpp"

#include "core/http_client.hpp"

namespace rivetr::proxy::acme {

HttpReply Transport::get(const std::string& url) const { return perform("GET", url, nullptr); }
HttpReply Transport::head(const std::string& url) const { return perform("HEAD", url, nullptr); }
HttpReply Transport::postJose(const std::string& url, const std::string& body) const { return perform("POST", url, &body); }

HttpReply Transport::perform(const std::string& method, const std::string& url, const std::string* body) const {
    http::Request req;
    req.method = method;
    req.url = url;
    req.headers = {"Content-Type: application/jose+json", "User-Agent: rivetr-acme"};
    req.timeout = timeout_;
    req.caFile = caBundle_;
    if (body) req.body = *body;
    auto res = http::perform(req);
    HttpReply r;
    if (!res.ok()) {
        r.error = res.error;
        return r;
    }
    r.status = res.status;
    r.headers = std::move(res.headers);
    r.body = std::move(res.body);
    return r;
}

}  // namespace rivetr::proxy::acme
