// The embedded template files turned into checked StackTemplates once, and a template plus user inputs into compose text and an environment.
#include "stacks/template_catalog.hpp"

#include <openssl/rand.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <stdexcept>

#include "stacks/stack_name.hpp"

namespace rivetr::stacks {

// Generated at build time by stacks/templates/embed_templates.cmake: "<id>/<file>" -> the file's bytes.
std::span<const std::pair<std::string_view, std::string_view>> embeddedTemplateFiles();  // generated

namespace {

using Json = nlohmann::json;

constexpr std::size_t kMaxInputBytes = 1024;
// Below 16 characters a generated password is weak; above 4096 it is a mistake in the template.
constexpr int kMinSecretLength = 16, kMaxSecretLength = 4096;

bool oneOf(std::string_view value, std::initializer_list<std::string_view> allowed) {
    return std::find(allowed.begin(), allowed.end(), value) != allowed.end();
}

// ------------------------------------------------------------------------------------------------
// Checking values (a default in template.json or what a user typed) against their type.

std::optional<int> portNumber(std::string_view s) {
    int value = 0;
    if (s.empty() || s.size() > 5 || !std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; })) return std::nullopt;
    std::from_chars(s.data(), s.data() + s.size(), value);
    if (value < 1 || value > 65535) return std::nullopt;
    return value;
}

bool hasControlCharacter(std::string_view s) {
    return std::any_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
}

bool isEmail(std::string_view s) {
    const auto at = s.find('@');
    if (at == std::string_view::npos || at == 0 || s.find('@', at + 1) != std::string_view::npos) return false;
    const std::string_view domain = s.substr(at + 1);
    const auto dot = domain.find('.');
    // A dot inside the domain, with a label on both sides of it ("a@b.c", not "a@.c" or "a@b.").
    return dot != std::string_view::npos && dot > 0 && domain.back() != '.' && s.find(' ') == std::string_view::npos;
}

bool isUrl(std::string_view s) {
    for (std::string_view scheme : {"http://", "https://"})
        if (s.size() > scheme.size() && s.substr(0, scheme.size()) == scheme) return s.find(' ') == std::string_view::npos;
    return false;
}

// "" when the value fits the type, else what is wrong with it.
std::string typeProblem(const std::string& type, const std::string& value) {
    if (value.size() > kMaxInputBytes) return "is longer than " + std::to_string(kMaxInputBytes) + " bytes";
    if (hasControlCharacter(value)) return "contains a control character";
    if (type == "port" && !portNumber(value)) return "must be a port number from 1 to 65535";
    if (type == "email" && !isEmail(value)) return "must be an e-mail address (name@example.com)";
    if (type == "url" && !isUrl(value)) return "must be an http:// or https:// URL";
    return "";
}

// ------------------------------------------------------------------------------------------------
// Reading template.json. Every problem is a defect of the shipped files, reported with the file's path.

[[noreturn]] void broken(const std::string& file, const std::string& message) {
    throw std::logic_error("stack template " + file + ": " + message);
}

// The same rule compose applies to variable names, so every input and secret can be interpolated.
bool isVariableName(std::string_view name) {
    if (name.empty() || (name[0] >= '0' && name[0] <= '9')) return false;
    return std::all_of(name.begin(), name.end(), [](char c) {
        return c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    });
}

// Unknown keys are refused rather than ignored, so a misspelt "requried" cannot silently change a template.
void onlyKeys(const Json& object, std::initializer_list<std::string_view> allowed, const std::string& file, const std::string& where) {
    if (!object.is_object()) broken(file, where + " must be an object");
    for (const auto& [key, value] : object.items())
        if (!oneOf(key, allowed)) broken(file, where + ": unknown key \"" + key + "\"");
}

std::string text(const Json& object, const char* key, const std::string& file, bool optional = false) {
    auto it = object.find(key);
    if (it == object.end() && optional) return "";
    if (it == object.end() || !it->is_string()) broken(file, std::string("\"") + key + "\" must be a string");
    return it->get<std::string>();
}

TemplateInput parseInput(const Json& j, const std::string& file) {
    onlyKeys(j, {"name", "label", "type", "default", "required", "description"}, file, "an input");
    TemplateInput in;
    in.name = text(j, "name", file);
    in.label = text(j, "label", file);
    in.type = text(j, "type", file);
    in.defaultValue = text(j, "default", file, true);
    in.description = text(j, "description", file, true);
    if (auto r = j.find("required"); r != j.end()) {
        if (!r->is_boolean()) broken(file, in.name + ": \"required\" must be true or false");
        in.required = r->get<bool>();
    }
    if (!oneOf(in.type, {"port", "string", "email", "url"})) broken(file, in.name + ": unknown type \"" + in.type + "\"");
    if (!in.defaultValue.empty())
        if (auto problem = typeProblem(in.type, in.defaultValue); !problem.empty()) broken(file, in.name + ": the default " + problem);
    return in;
}

TemplateSecret parseSecret(const Json& j, const std::string& file) {
    onlyKeys(j, {"name", "length", "alphabet"}, file, "a secret");
    TemplateSecret s;
    s.name = text(j, "name", file);
    s.alphabet = text(j, "alphabet", file);
    auto length = j.find("length");
    if (length == j.end() || !length->is_number_integer()) broken(file, s.name + ": \"length\" must be a whole number");
    const auto n = length->get<std::int64_t>();
    if (n < kMinSecretLength || n > kMaxSecretLength)
        broken(file, s.name + ": length must be " + std::to_string(kMinSecretLength) + "-" + std::to_string(kMaxSecretLength));
    s.length = static_cast<int>(n);
    if (!oneOf(s.alphabet, {"alnum", "hex", "base64url"})) broken(file, s.name + ": unknown alphabet \"" + s.alphabet + "\"");
    return s;
}

// "service:port", or null for a template with no web interface.
std::string parseWebService(const Json& j, const std::string& file) {
    auto it = j.find("web_service");
    if (it == j.end() || it->is_null()) return "";
    if (!it->is_string()) broken(file, "\"web_service\" must be \"service:port\" or null");
    const std::string value = it->get<std::string>();
    const auto colon = value.rfind(':');
    if (colon == std::string::npos || colon == 0 || !portNumber(std::string_view(value).substr(colon + 1)))
        broken(file, "\"web_service\" must be \"service:port\", not \"" + value + "\"");
    return value;
}

void checkNames(const StackTemplate& t, const std::string& file) {
    std::vector<std::string> names;
    for (const auto& in : t.inputs) names.push_back(in.name);
    for (const auto& s : t.secrets) names.push_back(s.name);
    for (const auto& name : names)
        if (!isVariableName(name)) broken(file, "\"" + name + "\" is not a variable name ([A-Za-z_][A-Za-z0-9_]*)");
    std::sort(names.begin(), names.end());
    if (auto dup = std::adjacent_find(names.begin(), names.end()); dup != names.end())
        broken(file, "\"" + *dup + "\" is declared twice");
}

template <typename T, typename Parse>
std::vector<T> parseList(const Json& j, const char* key, const std::string& file, Parse parse) {
    auto it = j.find(key);
    if (it == j.end() || !it->is_array()) broken(file, std::string("\"") + key + "\" must be a list");
    std::vector<T> out;
    for (const Json& item : *it) out.push_back(parse(item, file));
    return out;
}

}  // namespace

StackTemplate parseStackTemplate(const std::string& id, const std::string& json, std::string compose) {
    const std::string file = id + "/template.json";
    Json j = Json::parse(json, nullptr, false);
    if (j.is_discarded()) broken(file, "not valid JSON");
    onlyKeys(j, {"id", "name", "description", "category", "web_service", "inputs", "secrets"}, file, "the template");
    StackTemplate t;
    t.id = text(j, "id", file);
    if (t.id != id) broken(file, "id \"" + t.id + "\" differs from its directory \"" + id + "\"");
    // The id is the stack name a deploy proposes, so it obeys the stack-name rule.
    if (!isValidStackName(t.id)) broken(file, "id \"" + t.id + "\": " + stackNameRule());
    t.name = text(j, "name", file);
    t.description = text(j, "description", file);
    t.category = text(j, "category", file);
    if (!oneOf(t.category, {"database", "monitoring", "devtools", "automation", "security", "productivity", "analytics"}))
        broken(file, "unknown category \"" + t.category + "\"");
    t.webService = parseWebService(j, file);
    t.inputs = parseList<TemplateInput>(j, "inputs", file, parseInput);
    t.secrets = parseList<TemplateSecret>(j, "secrets", file, parseSecret);
    checkNames(t, file);
    if (compose.empty()) broken(id + "/compose.yaml", "is empty");
    t.compose = std::move(compose);
    return t;
}

namespace {

// The embedded files grouped by template directory; each directory holds exactly compose.yaml and template.json.
std::vector<StackTemplate> parseEmbedded() {
    std::map<std::string, std::map<std::string, std::string>> byId;
    for (const auto& [pathView, content] : embeddedTemplateFiles()) {
        const std::string path(pathView);
        const auto slash = path.find('/');
        const std::string id = path.substr(0, slash), name = slash == std::string::npos ? "" : path.substr(slash + 1);
        if (name != "compose.yaml" && name != "template.json") broken(path, "unexpected file (a template is compose.yaml and template.json)");
        byId[id][name] = std::string(content);
    }
    std::vector<StackTemplate> out;
    for (auto& [id, files] : byId) {
        if (!files.count("compose.yaml") || !files.count("template.json")) broken(id, "needs both compose.yaml and template.json");
        out.push_back(parseStackTemplate(id, files["template.json"], std::move(files["compose.yaml"])));
    }
    return out;  // sorted by id: std::map iterates in key order
}

// ------------------------------------------------------------------------------------------------
// Rendering.

const TemplateInput* inputNamed(const StackTemplate& t, const std::string& name) {
    auto it = std::find_if(t.inputs.begin(), t.inputs.end(), [&](const TemplateInput& in) { return in.name == name; });
    return it == t.inputs.end() ? nullptr : &*it;
}

// The given value, else the default; empty only for an optional input. An empty value counts as not given.
std::string inputValue(const TemplateInput& in, const std::map<std::string, std::string>& inputs) {
    auto given = inputs.find(in.name);
    std::string value = given != inputs.end() && !given->second.empty() ? given->second : in.defaultValue;
    if (value.empty()) {
        if (in.required) throw TemplateInputError(in.name, in.label + " (" + in.name + ") is required");
        return value;
    }
    if (auto problem = typeProblem(in.type, value); !problem.empty())
        throw TemplateInputError(in.name, in.label + " (" + in.name + ") " + problem);
    return value;
}

std::string_view alphabetChars(const std::string& alphabet) {
    if (alphabet == "hex") return "0123456789abcdef";
    if (alphabet == "base64url") return "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    return "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
}

}  // namespace

const std::vector<StackTemplate>& stackTemplates() {
    static const std::vector<StackTemplate> templates = parseEmbedded();
    return templates;
}

const StackTemplate* findTemplate(std::string_view id) {
    const auto& all = stackTemplates();
    auto it = std::find_if(all.begin(), all.end(), [&](const StackTemplate& t) { return t.id == id; });
    return it == all.end() ? nullptr : &*it;
}

std::string generateSecret(const TemplateSecret& secret) {
    const std::string_view chars = alphabetChars(secret.alphabet);
    // Rejection sampling: only bytes below the largest multiple of the alphabet's size are used, so
    // `byte % size` is uniform (a plain modulo would favour the first 256 % 62 letters of alnum).
    const std::size_t limit = 256 - 256 % chars.size();
    const auto length = static_cast<std::size_t>(std::max(secret.length, 0));
    std::string out;
    out.reserve(length);
    std::array<unsigned char, 64> buffer{};
    while (out.size() < length) {
        if (RAND_bytes(buffer.data(), static_cast<int>(buffer.size())) != 1) throw std::runtime_error("RAND_bytes failed");
        for (unsigned char b : buffer)
            if (b < limit && out.size() < length) out += chars[b % chars.size()];
    }
    return out;
}

RenderedTemplate renderTemplate(const StackTemplate& t, const std::map<std::string, std::string>& inputs) {
    for (const auto& [name, value] : inputs)
        if (!inputNamed(t, name)) throw TemplateInputError(name, "the template " + t.id + " has no input " + name);
    RenderedTemplate out;
    out.compose = t.compose;
    for (const TemplateInput& in : t.inputs) out.env.emplace_back(in.name, inputValue(in, inputs));
    for (const TemplateSecret& s : t.secrets) {
        out.env.emplace_back(s.name, generateSecret(s));
        out.secretKeys.push_back(s.name);
    }
    return out;
}

}  // namespace rivetr::stacks
