// The request-target forms a proxy must tell apart (RFC 9112 §3.2): origin-form goes on as it is, absolute-form is routed by its own authority.
#pragma once

#include <boost/beast/http/message.hpp>

namespace rivetr::proxy {

enum class TargetForm {
    Origin,    // "/path?q" (or "*" for OPTIONS): unchanged
    Absolute,  // "http://host[:port]/path?q": rewritten to origin-form, Host set to its authority
    Invalid,   // anything else (authority-form CONNECT, other schemes, userinfo, no authority): 400
};

// RFC 9112 §3.2.2: a server receiving absolute-form MUST ignore the Host field and use the
// target's authority. Routing by Host while the upstream reads another host from the target
// would let a client reach one app's upstream with a request that names another: so the
// authority replaces every Host field and the target becomes origin-form before routing.
TargetForm normalizeTarget(boost::beast::http::request_header<>& req);

}  // namespace rivetr::proxy
