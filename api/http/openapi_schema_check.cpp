// A small OpenAPI-schema checker for tests: the keywords api/http/openapi_schemas.cpp uses, nothing more.
#include "api/http/openapi_schema_check.hpp"

#include <regex>

namespace rivetr::api {
namespace {

using nlohmann::json;

bool hasType(const std::string& type, const json& v) {
    if (type == "object") return v.is_object();
    if (type == "array") return v.is_array();
    if (type == "string") return v.is_string();
    if (type == "integer") return v.is_number_integer();
    if (type == "number") return v.is_number();
    if (type == "boolean") return v.is_boolean();
    return false;
}

void checkObject(const json& doc, const json& schema, const json& value, const std::string& where,
                 std::vector<std::string>& out) {
    const json props = schema.value("properties", json::object());
    for (const auto& name : schema.value("required", json::array())) {
        if (!value.contains(name.get<std::string>())) out.push_back(where + ": lacks required field " + name.get<std::string>());
    }
    bool closed = schema.contains("additionalProperties") && schema["additionalProperties"] == false;
    for (const auto& [key, v] : value.items()) {
        if (props.contains(key)) {
            auto more = schemaViolations(doc, props[key], v, where + "." + key);
            out.insert(out.end(), more.begin(), more.end());
        } else if (closed) {
            out.push_back(where + ": has field " + key + " that the schema does not document");
        }
    }
}

}  // namespace

std::vector<std::string> schemaViolations(const json& doc, const json& schema, const json& value, const std::string& where) {
    std::vector<std::string> out;
    if (value.is_null() && schema.value("nullable", false)) return out;
    if (schema.contains("$ref")) {
        const std::string name = schema["$ref"].get<std::string>().substr(std::string("#/components/schemas/").size());
        return schemaViolations(doc, doc["components"]["schemas"][name], value, where);
    }
    if (schema.contains("allOf")) {
        for (const auto& part : schema["allOf"]) {
            auto more = schemaViolations(doc, part, value, where);
            out.insert(out.end(), more.begin(), more.end());
        }
    }
    if (!schema.contains("type")) return out;
    const std::string type = schema["type"];
    if (!hasType(type, value)) {
        out.push_back(where + ": is " + std::string(value.type_name()) + ", the schema says " + type);
        return out;
    }
    if (schema.contains("enum") && std::find(schema["enum"].begin(), schema["enum"].end(), value) == schema["enum"].end()) {
        out.push_back(where + ": " + value.dump() + " is not one of " + schema["enum"].dump());
    }
    static const std::regex rfc3339(R"(^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$)");
    if (schema.value("format", "") == "date-time" && !std::regex_match(value.get<std::string>(), rfc3339)) {
        out.push_back(where + ": " + value.dump() + " is not an RFC 3339 date-time");
    }
    if (type == "object") checkObject(doc, schema, value, where, out);
    if (type == "array" && schema.contains("items")) {
        for (std::size_t i = 0; i < value.size(); ++i) {
            auto more = schemaViolations(doc, schema["items"], value[i], where + "[" + std::to_string(i) + "]");
            out.insert(out.end(), more.begin(), more.end());
        }
    }
    return out;
}

}  // namespace rivetr::api
