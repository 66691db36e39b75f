// The middleware's one call per answered request, for whoever counts them (the /metrics registry).
#pragma once

#include <chrono>
#include <string>

namespace rivetr::api {

class RequestObserver {
public:
    virtual ~RequestObserver() = default;
    // `route` is the route's pattern ("/api/apps/:id"), never the raw path, so labels stay bounded.
    // Called on an API worker thread; must be cheap and thread-safe.
    virtual void observe(const char* method, const std::string& route, int status,
                         std::chrono::microseconds duration) = 0;
};

}  // namespace rivetr::api
