// Typed, strict reading of a JSON request object: wrong types and unknown fields are 400s naming the field.
#include "api/http/json_fields.hpp"

#include "api/http/api_errors.hpp"

namespace rivetr::api {

nlohmann::json parseJsonObject(const std::string& body) {
    auto j = nlohmann::json::parse(body, nullptr, false);
    if (j.is_discarded()) throw ValidationError("", "the body is not valid JSON");
    if (!j.is_object()) throw ValidationError("", "the body must be a JSON object");
    return j;
}

JsonFields::JsonFields(const nlohmann::json& obj, std::set<std::string> allowed, std::string prefix)
    : obj_(obj), prefix_(std::move(prefix)) {
    if (!obj_.is_object()) throw ValidationError(prefix_.empty() ? "" : prefix_.substr(0, prefix_.size() - 1),
                                                 "must be an object");
    for (const auto& [key, value] : obj_.items()) {
        if (!allowed.count(key)) throw ValidationError(prefix_ + key, "unknown field");
    }
}

bool JsonFields::has(const std::string& name) const { return obj_.contains(name) && !obj_.at(name).is_null(); }

bool JsonFields::isNull(const std::string& name) const { return obj_.contains(name) && obj_.at(name).is_null(); }

std::optional<std::string> JsonFields::string(const std::string& name) const {
    if (!has(name)) return std::nullopt;
    const auto& v = obj_.at(name);
    if (!v.is_string()) throw ValidationError(qualified(name), "must be a string");
    return v.get<std::string>();
}

std::optional<std::int64_t> JsonFields::integer(const std::string& name) const {
    if (!has(name)) return std::nullopt;
    const auto& v = obj_.at(name);
    if (!v.is_number_integer()) throw ValidationError(qualified(name), "must be an integer");
    return v.get<std::int64_t>();
}

std::optional<bool> JsonFields::boolean(const std::string& name) const {
    if (!has(name)) return std::nullopt;
    const auto& v = obj_.at(name);
    if (!v.is_boolean()) throw ValidationError(qualified(name), "must be true or false");
    return v.get<bool>();
}

const nlohmann::json* JsonFields::object(const std::string& name) const {
    if (!has(name)) return nullptr;
    const auto& v = obj_.at(name);
    if (!v.is_object()) throw ValidationError(qualified(name), "must be an object");
    return &v;
}

const nlohmann::json* JsonFields::array(const std::string& name) const {
    if (!has(name)) return nullptr;
    const auto& v = obj_.at(name);
    if (!v.is_array()) throw ValidationError(qualified(name), "must be an array");
    return &v;
}

}  // namespace rivetr::api
