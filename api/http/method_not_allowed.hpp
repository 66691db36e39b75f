// The JSON 405 (with Allow) for a path that other methods serve; Pistache's own 405 is plain text.
#pragma once

#include <pistache/router.h>

#include <map>
#include <string>

namespace rivetr::api {

// Register with Router::addCustomHandler: the router asks custom handlers only when the request's
// method has no route for the path, just before it would send its own 405.
class MethodNotAllowed {
public:
    // `path` is a route pattern as given to the router ("/api/apps/:id").
    void add(Pistache::Http::Method method, const std::string& path);
    // Ok when it answered 405; Failure lets the router go on (no method serves the path: 404).
    Pistache::Rest::Route::Result operator()(const Pistache::Rest::Request& request,
                                             Pistache::Http::ResponseWriter response) const;

private:
    // The router's own matcher, so "allowed" means exactly what routing means.
    std::map<Pistache::Http::Method, Pistache::Rest::SegmentTreeNode> byMethod_;
};

}  // namespace rivetr::api
