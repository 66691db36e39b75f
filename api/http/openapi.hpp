// The OpenAPI 3 document of the control API, built from the routes themselves (each declares its RouteDoc).
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "api/http/route.hpp"

namespace rivetr::api {

// "/api/apps/:id" → "/api/apps/{id}".
std::string openApiPath(const std::string& pistachePath);

// components/schemas: the request and response bodies (openapi_schemas.cpp).
nlohmann::json openApiSchemas();

// The whole document: one operation per route, its security (public or bearer/cookie + role) from minRole.
nlohmann::json openApiDocument(const std::vector<Route>& routes);

// GET /api/openapi.json (public: it describes the API, never data). Appended to the table by
// controlRoutes, which passes the final route list.
Route openApiRoute(std::vector<Route> routes);

}  // namespace rivetr::api
