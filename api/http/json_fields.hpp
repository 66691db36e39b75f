// Typed, strict reading of a JSON request object: wrong types and unknown fields are 400s naming the field.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <set>
#include <string>

namespace rivetr::api {

// Parses a request body that must be a JSON object; throws ValidationError otherwise.
nlohmann::json parseJsonObject(const std::string& body);

class JsonFields {
public:
    // Throws ValidationError for the first field of `obj` not in `allowed` (a misspelt field
    // silently ignored is how settings get lost). `prefix` qualifies names: "healthcheck.".
    JsonFields(const nlohmann::json& obj, std::set<std::string> allowed, std::string prefix = "");

    std::optional<std::string> string(const std::string& name) const;
    std::optional<std::int64_t> integer(const std::string& name) const;
    std::optional<bool> boolean(const std::string& name) const;
    // The field when present and an object / array (null counts as absent).
    const nlohmann::json* object(const std::string& name) const;
    const nlohmann::json* array(const std::string& name) const;
    bool has(const std::string& name) const;
    // A null value: "clear this optional setting".
    bool isNull(const std::string& name) const;
    std::string qualified(const std::string& name) const { return prefix_ + name; }

private:
    const nlohmann::json& obj_;
    std::string prefix_;
};

}  // namespace rivetr::api
