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

// Reusable shapes; field lists mirror app_json.cpp, deployment_routes.cpp and admin_routes.cpp.
json schemas() {
    json object = {{"type", "object"}};
    json s;
    s["Error"] = {{"type", "object"},
                  {"properties",
                   {{"error",
                     {{"type", "object"},
                      {"required", {"code", "message"}},
                      {"properties",
                       {{"code", {{"type", "string"}}}, {"message", {{"type", "string"}}}, {"field", {{"type", "string"}}}}}}}}}};
    s["Healthcheck"] = {{"type", "object"},
                        {"properties",
                         {{"type", {{"type", "string"}, {"enum", {"http", "tcp"}}}},
                          {"path", {{"type", "string"}}},
                          {"interval_ms", {{"type", "integer"}}},
                          {"timeout_ms", {{"type", "integer"}}},
                          {"retries", {{"type", "integer"}}},
                          {"start_period_ms", {{"type", "integer"}}}}}};
    s["AppInput"] = {{"type", "object"},
                     {"required", {"name", "git_url", "port"}},
                     {"properties",
                      {{"name", {{"type", "string"}, {"pattern", "^[a-z0-9][a-z0-9-]{0,62}$"}}},
                       {"git_url",
                        {{"type", "string"},
                         {"description",
                          "https://, http://, ssh:// or user@host:path (file:// only with [git] "
                          "allow_local_repositories); RFC 3986 characters, no host or user starting with '-'. "
                          "Credentials in it (https://user:token@host/...) are split off into git_credentials; "
                          "answers show the URL without them"}}},
                       {"git_credentials",
                        {{"type", "object"},
                         {"nullable", true},
                         {"writeOnly", true},
                         {"description",
                          "HTTPS user name and password/token, stored encrypted and never shown; null removes "
                          "them. Dropped when git_url moves to another server without new ones"},
                         {"required", {"username"}},
                         {"properties", {{"username", {{"type", "string"}}}, {"password", {{"type", "string"}}}}}}},
                       {"branch", {{"type", "string"}}},
                       {"port", {{"type", "integer"}, {"minimum", 1}, {"maximum", 65535}}},
                       {"domains", {{"type", "array"}, {"items", {{"type", "string"}}}}},
                       {"build_type", {{"type", "string"}}},
                       {"dockerfile_path", {{"type", "string"}}},
                       {"base_dir", {{"type", "string"}}},
                       {"build_target", {{"type", "string"}}},
                       {"healthcheck", ref("Healthcheck")},
                       {"resources", object},
                       {"deadlines",
                        {{"type", "object"},
                         {"description", "per-app stage deadlines in ms (1000-86400000); null = the default"},
                         {"properties",
                          {{"clone_ms", {{"type", "integer"}, {"nullable", true}}},
                           {"build_ms", {{"type", "integer"}, {"nullable", true}}},
                           {"start_ms", {{"type", "integer"}, {"nullable", true}}},
                           {"health_ms", {{"type", "integer"}, {"nullable", true}}}}}}}}}};
    s["App"] = {{"allOf", {ref("AppInput"), {{"type", "object"},
                                             {"properties",
                                              {{"id", {{"type", "string"}}},
                                               {"has_git_credentials", {{"type", "boolean"}}},
                                               {"live_deployment_id", {{"type", "string"}, {"nullable", true}}},
                                               {"stopped", {{"type", "boolean"}}},
                                               {"live", ref("AppLive")},
                                               {"webhook_secret", {{"type", "string"}}},
                                               {"created_at", {{"type", "string"}, {"format", "date-time"}}},
                                               {"updated_at", {{"type", "string"}, {"format", "date-time"}}}}}}}}};
    s["AppLive"] = {
        {"type", "object"},
        {"description",
         "What the app's live container is doing, as the engine last saw it. A crashed container is restarted "
         "with exponential back-off; its domains answer 503 until it is healthy again."},
        {"properties",
         {{"state", {{"type", "string"}, {"enum", {"none", "running", "crashed", "restarting", "stopped"}}}},
          {"reason", {{"type", "string"}}},
          {"exit_code", {{"type", "integer"}, {"nullable", true}}},
          {"last_output", {{"type", "string"}, {"description", "the container's last log lines when it died"}}},
          {"restarts", {{"type", "integer"}, {"description", "automatic restarts since it last ran steadily"}}},
          {"since", {{"type", "integer"}, {"nullable", true}, {"description", "ms since the epoch"}}}}}};
    s["AppList"] = {{"type", "array"}, {"items", ref("App")}};
    s["DeploymentStatus"] = {{"type", "string"},
                             {"enum",
                              {"pending", "cloning", "building", "starting", "checking", "switching", "running", "failed",
                               "cancelled", "replaced", "rolled_back"}}};
    s["Deployment"] = {{"type", "object"},
                       {"properties",
                        {{"id", {{"type", "string"}}},
                         {"app_id", {{"type", "string"}}},
                         {"status", ref("DeploymentStatus")},
                         {"trigger", {{"type", "string"}}},
                         {"requested_commit", {{"type", "string"}, {"nullable", true}}},
                         {"commit_sha", {{"type", "string"}, {"nullable", true}}},
                         {"commit_message", {{"type", "string"}, {"nullable", true}}},
                         {"image", {{"type", "string"}, {"nullable", true}}},
                         {"rollback_of", {{"type", "string"}, {"nullable", true}}},
                         {"error", {{"type", "string"}, {"nullable", true}}},
                         {"created_at", {{"type", "string"}, {"format", "date-time"}}},
                         {"started_at", {{"type", "string"}, {"nullable", true}}},
                         {"finished_at", {{"type", "string"}, {"nullable", true}}}}}};
    s["DeploymentList"] = {{"type", "array"}, {"items", ref("Deployment")}};
    s["DeploymentPage"] = {{"type", "object"}, {"properties", {{"deployments", ref("DeploymentList")}}}};
    s["DeploymentAccepted"] = {{"type", "object"},
                               {"properties", {{"deployment_id", {{"type", "string"}}}, {"status", {{"type", "string"}}}}}};
    s["DeployRequest"] = {{"type", "object"}, {"properties", {{"commit", {{"type", "string"}}}}}};
    s["LogLine"] = {{"type", "object"},
                    {"properties",
                     {{"id", {{"type", "integer"}}},
                      {"ts", {{"type", "string"}}},
                      {"stream", {{"type", "string"}}},
                      {"line", {{"type", "string"}}}}}};
    s["DeploymentLogs"] = {{"type", "object"},
                           {"properties",
                            {{"deployment_id", {{"type", "string"}}},
                             {"status", ref("DeploymentStatus")},
                             {"lines", {{"type", "array"}, {"items", ref("LogLine")}}}}}};
    s["EnvVar"] = {{"type", "object"},
                   {"properties",
                    {{"key", {{"type", "string"}}},
                     {"value", {{"type", "string"}, {"description", "masked for secrets"}}},
                     {"secret", {{"type", "boolean"}}},
                     {"build_time", {{"type", "boolean"}}}}}};
    s["EnvList"] = {{"type", "array"}, {"items", ref("EnvVar")}};
    s["EnvInput"] = {{"type", "object"}, {"required", {"vars"}}, {"properties", {{"vars", ref("EnvList")}}}};
    s["TokenInput"] = {{"type", "object"},
                       {"required", {"name"}},
                       {"properties",
                        {{"name", {{"type", "string"}}},
                         {"role", {{"type", "string"}, {"enum", {"admin", "developer", "viewer"}}}},
                         {"expires_in_days", {{"type", "integer"}}}}}};
    s["Token"] = {{"type", "object"},
                  {"properties",
                   {{"id", {{"type", "string"}}},
                    {"name", {{"type", "string"}}},
                    {"prefix", {{"type", "string"}}},
                    {"role", {{"type", "string"}, {"description", "it never acts above its owning user's current role"}}},
                    {"owner",
                     {{"type", "object"},
                      {"nullable", true},
                      {"description",
                       "who minted it: a user (the token is revoked when that user is disabled or deleted) or the "
                       "instance admin token; null for tokens minted before owners were recorded"},
                      {"properties",
                       {{"type", {{"type", "string"}, {"enum", {"user", "admin_token"}}}},
                        {"user_id", {{"type", "string"}, {"nullable", true}}},
                        {"name", {{"type", "string"}}}}}}},
                    {"token", {{"type", "string"}, {"description", "only in the answer to its creation"}}},
                    {"expires_at", {{"type", "string"}, {"nullable", true}}},
                    {"last_used_at", {{"type", "string"}, {"nullable", true}}},
                    {"revoked_at", {{"type", "string"}, {"nullable", true}}}}}};
    s["TokenList"] = {{"type", "array"}, {"items", ref("Token")}};
    s["AuditList"] = {{"type", "array"}, {"items", object}};
    s["ExternalRouteInput"] = {{"type", "object"},
                               {"required", {"domain", "upstream"}},
                               {"properties",
                                {{"domain",
                                  {{"type", "string"},
                                   {"description", "any host name but server.dashboard_domain (409)"}}},
                                 {"upstream", {{"type", "string"}, {"example", "10.0.0.5:3000"}}},
                                 {"tls", {{"type", "boolean"}}}}}};
    s["ExternalRoute"] = {{"allOf", {ref("ExternalRouteInput"), {{"type", "object"},
                                                                 {"properties",
                                                                  {{"created_at", {{"type", "string"}}},
                                                                   {"updated_at", {{"type", "string"}}}}}}}}};
    s["ExternalRouteList"] = {{"type", "array"}, {"items", ref("ExternalRoute")}};
    s["Object"] = object;
    s["EventStream"] = {{"type", "string"}, {"description", "text/event-stream: `id`, `event`, `data` (JSON) frames"}};
    s["Text"] = {{"type", "string"}};
    return s;
}

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
              {{"schemas", schemas()},
               {"securitySchemes",
                {{"bearer", {{"type", "http"}, {"scheme", "bearer"}}},
                 {"session", {{"type", "apiKey"}, {"in", "cookie"}, {"name", "rivetr_session"}}}}}}}};
    doc["paths"] = json::object();
    for (const auto& d : documentedPaths()) {
        auto it = roles.find({methodName(d.method), d.path});
        auto minRole = it == roles.end() ? std::nullopt : it->second;
        doc["paths"][d.path][lowerMethod(d.method)] = operation(d, minRole);
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
