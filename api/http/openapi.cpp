// Builds the OpenAPI 3 document from the routes: each one's RouteDoc, path parameters and minimum role.
#include "api/http/openapi.hpp"

#include <map>
#include <mutex>
#include <regex>

#include "core/version.hpp"

namespace rivetr::api {
namespace {

using nlohmann::json;

json ref(const std::string& schema) { return {{"$ref", "#/components/schemas/" + schema}}; }

json jsonContent(const std::string& schema) { return {{"application/json", {{"schema", ref(schema)}}}}; }

const char* lowerMethod(Method m) {
    switch (m) {
        case Method::Get: return "get";
        case Method::Post: return "post";
        case Method::Put: return "put";
        case Method::Delete: return "delete";
    }
    return "get";
}

json parametersOf(const std::string& path) {
    static const std::regex param(R"(\{([A-Za-z_]+)\})");
    json params = json::array();
    for (std::sregex_iterator it(path.begin(), path.end(), param), end; it != end; ++it) {
        params.push_back({{"name", (*it)[1].str()}, {"in", "path"}, {"required", true}, {"schema", {{"type", "string"}}}});
    }
    return params;
}

json responseContent(const std::string& schema) {
    if (schema == "EventStream") return {{"text/event-stream", {{"schema", ref(schema)}}}};
    if (schema == "Text") return {{"text/plain", {{"schema", ref(schema)}}}};
    return jsonContent(schema);
}

void addAlternate(json& op, const AlternateResponse& a) {
    op["parameters"].push_back({{"name", a.queryFlag},
                                {"in", "query"},
                                {"required", false},
                                {"description", a.flagDescription},
                                {"schema", {{"type", "boolean"}}}});
    op["responses"][std::to_string(a.status)] = {{"description", "success with ?" + a.queryFlag + "=true"},
                                                 {"content", responseContent(a.responseSchema)}};
}

json operation(const Route& r) {
    const auto& d = r.doc;
    const auto path = openApiPath(r.path);
    json op{{"summary", d.summary}, {"tags", {d.tag}}, {"operationId", std::string(lowerMethod(r.method)) + path}};
    auto params = parametersOf(path);
    if (!params.empty()) op["parameters"] = params;
    if (!d.requestSchema.empty()) op["requestBody"] = {{"required", true}, {"content", jsonContent(d.requestSchema)}};
    json ok{{"description", "success"}};
    if (!d.responseSchema.empty()) ok["content"] = responseContent(d.responseSchema);
    op["responses"][std::to_string(d.successStatus)] = ok;
    op["responses"]["default"] = {{"description", "error"}, {"content", jsonContent("Error")}};
    if (r.minRole) {
        op["security"] = json::array({{{"bearer", json::array()}}, {{"session", json::array()}}});
        op["x-rivetr-min-role"] = store::roleName(*r.minRole);
    } else {
        op["security"] = json::array();
    }
    if (d.alternate) addAlternate(op, *d.alternate);
    return op;
}

}  // namespace

std::string openApiPath(const std::string& pistachePath) {
    static const std::regex param(R"(:([A-Za-z_]+))");
    return std::regex_replace(pistachePath, param, "{$1}");
}

json openApiDocument(const std::vector<Route>& routes) {
    json doc{{"openapi", "3.0.3"},
             {"info", {{"title", "Rivetr control API"}, {"version", RIVETR_VERSION}}},
             {"components",
              {{"schemas", openApiSchemas()},
               {"securitySchemes",
                {{"bearer", {{"type", "http"}, {"scheme", "bearer"}}},
                 {"session", {{"type", "apiKey"}, {"in", "cookie"}, {"name", "rivetr_session"}}}}}}}};
    doc["paths"] = json::object();
    for (const auto& r : routes) doc["paths"][openApiPath(r.path)][lowerMethod(r.method)] = operation(r);
    return doc;
}

// Built on the first request, not at start-up: the schemas' code (some 200 KB) and the document's
// heap are only touched when someone asks, which keeps an idle server's RSS down (Serve.IdleMemoryStaysSmall).
Route openApiRoute(std::vector<Route> routes) {
    Route self{Method::Get, "/api/openapi.json", std::nullopt, {"This document", "system", "", 200, "Object"}, nullptr};
    routes.push_back(self);
    // Only what the document needs: handlers are dropped so the route holds no references.
    for (auto& r : routes) r.handler = nullptr;
    struct Lazy {
        std::vector<Route> routes;
        std::once_flag once;
        std::string body;
    };
    auto lazy = std::make_shared<Lazy>();
    lazy->routes = std::move(routes);
    self.handler = [lazy](const Pistache::Rest::Request&, RequestContext&) {
        std::call_once(lazy->once, [&] {
            lazy->body = openApiDocument(lazy->routes).dump();
            lazy->routes.clear();
        });
        return Reply{200, lazy->body, "application/json"};
    };
    return self;
}

}  // namespace rivetr::api
