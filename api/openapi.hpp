// The OpenAPI 3 document of the control API, built from the path table in openapi_paths.cpp.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "api/route.hpp"

namespace rivetr::api {

// One documented operation. `path` uses OpenAPI's {param} form; `requestSchema` and
// `responseSchema` name a component in the document's schemas ("" when there is no body).
struct PathDoc {
    Method method;
    std::string path;
    std::string summary;
    std::string tag;
    std::string requestSchema;
    int successStatus = 200;
    std::string responseSchema;
};

// Every operation the API serves; kept equal to the registered routes by a test.
const std::vector<PathDoc>& documentedPaths();

// A second success answer of a documented operation, chosen by a query flag (e.g. PUT env with
// ?redeploy=true answers 202 with another body); the flag is documented as a query parameter.
struct AlternateResponse {
    Method method;
    std::string path;
    std::string queryFlag;
    std::string flagDescription;
    int status;
    std::string responseSchema;
};
const std::vector<AlternateResponse>& alternateResponses();

// "/api/apps/:id" → "/api/apps/{id}".
std::string openApiPath(const std::string& pistachePath);

// components/schemas: the request and response bodies (openapi_schemas.cpp).
nlohmann::json openApiSchemas();

// The whole document; `routes` supplies each operation's security (public or bearer/cookie + role).
nlohmann::json openApiDocument(const std::vector<Route>& routes);

// GET /api/openapi.json (public: it describes the API, never data). Appended to the table by
// controlRoutes, which passes the final route list.
Route openApiRoute(std::vector<Route> routes);

}  // namespace rivetr::api
