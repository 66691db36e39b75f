// The JSON 405 (with Allow) for a path that other methods serve; Pistache's own 405 is plain text.
#include "api/http/method_not_allowed.hpp"

#include <cstring>

#include "api/http/middleware.hpp"

namespace rivetr::api {

void MethodNotAllowed::add(Pistache::Http::Method method, const std::string& path) {
    // As Router::addRoute does: the tree keeps string_views into a buffer the route owns.
    auto sanitized = Pistache::Rest::SegmentTreeNode::sanitizeResource(path);
    std::shared_ptr<char> owned(new char[sanitized.size()], std::default_delete<char[]>());
    std::memcpy(owned.get(), sanitized.data(), sanitized.size());
    auto unused = [](const Pistache::Rest::Request&, Pistache::Http::ResponseWriter) {
        return Pistache::Rest::Route::Result::Failure;
    };
    byMethod_[method].addRoute(std::string_view(owned.get(), sanitized.size()), unused, owned);
}

Pistache::Rest::Route::Result MethodNotAllowed::operator()(const Pistache::Rest::Request& request,
                                                           Pistache::Http::ResponseWriter response) const {
    auto sanitized = Pistache::Rest::SegmentTreeNode::sanitizeResource(request.resource());
    std::vector<Pistache::Http::Method> allowed;
    for (const auto& [method, tree] : byMethod_) {
        if (method != request.method() && std::get<0>(tree.findRoute(sanitized))) allowed.push_back(method);
    }
    if (allowed.empty()) return Pistache::Rest::Route::Result::Failure;
    response.headers().add<Pistache::Http::Header::Allow>(allowed);
    auto reply = Reply::error(405, "method_not_allowed",
                              std::string(Pistache::Http::methodString(request.method())) + " is not allowed on " +
                                  request.resource());
    sendReply(response, reply, requestIdFor(request));
    return Pistache::Rest::Route::Result::Ok;
}

}  // namespace rivetr::api
