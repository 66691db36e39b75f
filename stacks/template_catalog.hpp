// One-click stack templates shipped inside the binary: a compose file, typed inputs and secrets the server generates.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/field_error.hpp"

namespace rivetr::stacks {

// A value the user types when deploying a template; it becomes a variable of the stack's environment.
struct TemplateInput {
    std::string name;  // the variable the compose file interpolates (${NAME})
    std::string label, type, defaultValue, description;  // type: port | string | email | url
    bool required = false;
};

// A variable the server fills with random characters at deploy time; the user never types it.
struct TemplateSecret {
    std::string name;
    int length = 32;
    std::string alphabet = "alnum";  // alnum | hex | base64url
};

struct StackTemplate {
    std::string id, name, description, category;
    std::string webService;  // "service:port" a domain should point at; "" when none (databases)
    std::vector<TemplateInput> inputs;
    std::vector<TemplateSecret> secrets;
    std::string compose;  // the compose.yaml text, uninterpolated
};

// Every template, parsed once from the embedded files and sorted by id. A malformed embedded template
// is a build defect: the first call throws std::logic_error naming the file.
const std::vector<StackTemplate>& stackTemplates();
// nullptr when no template has that id.
const StackTemplate* findTemplate(std::string_view id);
// One template from its directory name and files (what stackTemplates() does for each embedded one);
// throws std::logic_error naming <id>/template.json for a malformed or inconsistent template.
StackTemplate parseStackTemplate(const std::string& id, const std::string& templateJson, std::string compose);

struct RenderedTemplate {
    std::string compose;
    std::vector<std::pair<std::string, std::string>> env;  // inputs in declared order, then secrets
    std::vector<std::string> secretKeys;                    // which env keys are generated secrets
};

// A user's input that cannot be used: field() is the input's name.
class TemplateInputError : public FieldError {
public:
    using FieldError::FieldError;
};

// The compose text and the stack's environment: every input (the given value, else its default; an optional
// input left empty is stored empty) and a fresh value for every secret. Throws TemplateInputError for an
// input the template does not declare (secrets included: they are never typed), a required input with
// neither value nor default, or a value that does not fit its type.
RenderedTemplate renderTemplate(const StackTemplate& t, const std::map<std::string, std::string>& inputs);

// `secret.length` characters drawn uniformly from its alphabet with OpenSSL's CSPRNG.
std::string generateSecret(const TemplateSecret& secret);

}  // namespace rivetr::stacks
