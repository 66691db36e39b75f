// The request-target forms a proxy must tell apart (RFC 9112 §3.2): origin-form goes on as it is, absolute-form is routed by its own authority.
#include "proxy/request_target.hpp"

#include <string>
#include <string_view>

#include "proxy/ascii.hpp"

namespace rivetr::proxy {
namespace http = boost::beast::http;

namespace {

// "http://" or "https://" (any case): the length of that prefix, or 0.
std::size_t schemePrefix(std::string_view t) {
    for (std::string_view scheme : {"http://", "https://"}) {
        if (t.size() >= scheme.size() && asciiIEquals(t.substr(0, scheme.size()), scheme)) return scheme.size();
    }
    return 0;
}

}  // namespace

TargetForm normalizeTarget(http::request_header<>& req) {
    const std::string_view target(req.target().data(), req.target().size());
    if (!target.empty() && target.front() == '/') return TargetForm::Origin;
    if (target == "*" && req.method() == http::verb::options) return TargetForm::Origin;
    const auto prefix = schemePrefix(target);
    if (prefix == 0) return TargetForm::Invalid;
    const auto rest = target.substr(prefix);
    const auto end = rest.find_first_of("/?#");
    const auto authority = rest.substr(0, end);
    // userinfo in a request target is deprecated and a classic confusion seam (RFC 9110 §4.2.4).
    if (authority.empty() || authority.find('@') != std::string_view::npos) return TargetForm::Invalid;
    std::string path(end == std::string_view::npos ? std::string_view{} : rest.substr(end));
    if (!path.empty() && path.front() == '#') path.clear();  // a fragment is never sent; Beast let it through
    if (path.empty() || path.front() != '/') path.insert(0, "/");
    const std::string host(authority);
    req.target(path);
    req.set(http::field::host, host);  // replaces every Host field the client sent
    return TargetForm::Absolute;
}

}  // namespace rivetr::proxy
