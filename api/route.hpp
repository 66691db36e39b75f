// A control-API route as data: method, path pattern and handler. Every route is declared in one table.
#pragma once

#include <pistache/router.h>

#include <functional>
#include <string>

#include "api/reply.hpp"

namespace rivetr::api {

struct RequestContext {
    std::string requestId;
};

using Handler = std::function<Reply(const Pistache::Rest::Request&, RequestContext&)>;

enum class Method { Get, Post, Put, Delete };

struct Route {
    Method method;
    std::string path;  // Pistache pattern, e.g. "/api/apps/:id"
    Handler handler;
};

const char* methodName(Method m);

}  // namespace rivetr::api
