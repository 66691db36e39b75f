// Builds the OpenAPI 3 document: paths from the documented table, security from the route table.
#include "api/openapi.hpp"

#include <map>
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

json operation(const PathDoc& d, const std::optional<store::Role>& minRole) {
    json op{{"summary", d.summary}, {"tags", {d.tag}}, {"operationId", std::string(lowerMethod(d.method)) + d.path}};
    auto params = parametersOf(d.path);
    if (!params.empty()) op["parameters"] = params;
    if (!d.requestSchema.empty()) op["requestBody"] = {{"required", true}, {"content", jsonContent(d.requestSchema)}};
    json ok{{"description", "success"}};
    if (!d.responseSchema.empty()) ok["content"] = responseContent(d.responseSchema);
    op["responses"][std::to_string(d.successStatus)] = ok;
    op["responses"]["default"] = {{"description", "error"}, {"content", jsonContent("Error")}};
    if (minRole) {
        op["security"] = json::array({{{"bearer", json::array()}}, {{"session", json::array()}}});
        op["x-rivetr-min-role"] = store::roleName(*minRole);
    } else {
        op["security"] = json::array();
    }
    return op;
}

}  // namespace

std::string openApiPath(const std::string& pistachePath) {
    static const std::regex param(R"(:([A-Za-z_]+))");
    return std::regex_replace(pistachePath, param, "{$1}");
}

json openApiDocument(const std::vector<Route>& routes) {
    std::map<std::pair<std::string, std::string>, std::optional<store::Role>> roles;
    for (const auto& r : routes) roles[{methodName(r.method), openApiPath(r.path)}] = r.minRole;
    json doc{{"openapi", "3.0.3"},
             {"info", {{"title", "Rivetr control API"}, {"version", RIVETR_VERSION}}},
             {"components",
              {{"schemas", openApiSchemas()},
               {"securitySchemes",
                {{"bearer", {{"type", "http"}, {"scheme", "bearer"}}},
                 {"session", {{"type", "apiKey"}, {"in", "cookie"}, {"name", "rivetr_session"}}}}}}}};
    doc["paths"] = json::object();
    for (const auto& d : documentedPaths()) {
        auto it = roles.find({methodName(d.method), d.path});
        auto minRole = it == roles.end() ? std::nullopt : it->second;
        doc["paths"][d.path][lowerMethod(d.method)] = operation(d, minRole);
    }
    for (const auto& a : alternateResponses()) {
        auto& op = doc["paths"][a.path][lowerMethod(a.method)];
        op["parameters"].push_back({{"name", a.queryFlag},
                                    {"in", "query"},
                                    {"required", false},
                                    {"description", a.flagDescription},
                                    {"schema", {{"type", "boolean"}}}});
        op["responses"][std::to_string(a.status)] = {{"description", "success with ?" + a.queryFlag + "=true"},
                                                     {"content", responseContent(a.responseSchema)}};
    }
    return doc;
}

Route openApiRoute(std::vector<Route> routes) {
    // Only what the document needs: handlers are dropped so the route holds no references.
    for (auto& r : routes) r.handler = nullptr;
    auto body = std::make_shared<const std::string>(openApiDocument(routes).dump());
    return {Method::Get, "/api/openapi.json", std::nullopt,
            [body](const Pistache::Rest::Request&, RequestContext&) { return Reply{200, *body, "application/json"}; }};
}

}  // namespace rivetr::api
