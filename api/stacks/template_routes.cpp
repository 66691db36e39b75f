// Templates go through the same path as a hand-written stack: rendered, then created (validated, policy-checked at deploy) and deployed.
#include "api/stacks/template_routes.hpp"

#include "api/docker_host/host_query.hpp"
#include "api/http/api_errors.hpp"
#include "api/http/json_fields.hpp"
#include "api/stacks/stack_errors.hpp"
#include "api/stacks/stack_json.hpp"
#include "stacks/stack_name.hpp"
#include "stacks/template_catalog.hpp"

namespace rivetr::api {
namespace {

using nlohmann::json;
using Request = Pistache::Rest::Request;
using store::Role;

json templateJson(const stacks::StackTemplate& t) {
    json inputs = json::array(), secrets = json::array();
    for (const auto& i : t.inputs)
        inputs.push_back({{"name", i.name}, {"label", i.label}, {"type", i.type}, {"default", i.defaultValue},
                          {"description", i.description}, {"required", i.required}});
    for (const auto& s : t.secrets) secrets.push_back({{"name", s.name}, {"length", s.length}});
    return {{"id", t.id}, {"name", t.name}, {"description", t.description}, {"category", t.category},
            {"web_service", t.webService.empty() ? json(nullptr) : json(t.webService)}, {"inputs", inputs},
            {"secrets", secrets}, {"compose", t.compose}};
}

std::map<std::string, std::string> inputsFrom(const JsonFields& f, const json& obj) {
    std::map<std::string, std::string> out;
    if (!f.object("inputs")) return out;
    for (auto it = obj["inputs"].begin(); it != obj["inputs"].end(); ++it) {
        if (!it->is_string()) throw ValidationError("inputs." + it.key(), "an input's value is a string");
        out[it.key()] = it->get<std::string>();
    }
    return out;
}

// Creates the stack from the rendered template, then deploys it. A failed deploy leaves the stack in
// place (its files and generated secrets), so the user can fix and deploy it again.
Reply deployTemplate(StacksDeps& d, const Request& req, RequestContext& rc) {
    const auto* t = stacks::findTemplate(pathParam(req, ":id"));
    if (!t) return Reply::error(404, "template_not_found", "no template \"" + pathParam(req, ":id") + "\"", "id");
    auto obj = req.body().empty() ? json::object() : parseJsonObject(req.body());
    JsonFields f(obj, {"name", "inputs"});
    std::string name = f.string("name").value_or(t->id);
    stacks::RenderedTemplate rendered;
    try {
        rendered = stacks::renderTemplate(*t, inputsFrom(f, obj));
    } catch (const stacks::TemplateInputError& e) {
        throw ValidationError("inputs." + e.field(), e.what());
    }
    stacks::StackInput input;
    input.compose = rendered.compose;
    input.vars = std::vector<store::StackVar>{};
    for (const auto& [k, v] : rendered.env)
        input.vars->push_back({k, v, std::find(rendered.secretKeys.begin(), rendered.secretKeys.end(), k) != rendered.secretKeys.end()});
    auto detail = d.service->create(name, input);
    d.trail.record(rc, "stack.create", "stack", name, {{"template", t->id}});
    auto out = d.service->deploy(name, {false, "", rc.role(), rc.principal ? rc.principal->name : "system"});
    d.trail.record(rc, "stack.deploy", "stack", name, {{"revision", out.revision}, {"template", t->id}});
    return Reply::json(201, {{"stack", stackDetailJson(d.service->get(name))}, {"deploy", stackDeployJson(out)}});
}

}  // namespace

std::vector<Route> templateRoutes(std::shared_ptr<StacksDeps> deps) {
    return {
        {Method::Get, "/api/templates", Role::viewer,
         {"The one-click stack templates shipped in the binary: each one's compose file, the inputs a user types and the "
          "secrets generated at deploy",
          "stacks", "", 200, "StackTemplateList"},
         [](const Request&, RequestContext&) {
             json out = json::array();
             for (const auto& t : stacks::stackTemplates()) out.push_back(templateJson(t));
             return Reply::json(200, {{"templates", out}});
         }},
        {Method::Post, "/api/templates/:id/deploy", Role::developer,
         {"Deploy a template as a new stack ({name?} default the template's id, {inputs}): inputs are checked against their "
          "types, secrets generated and stored encrypted, then the stack is created and deployed like any other "
          "(validation, policy). A failed deploy (422) leaves the stack to fix and deploy again",
          "stacks", "StackTemplateDeployInput", 201, "StackTemplateDeployed"},
         [deps](const Request& req, RequestContext& rc) { return guardedStacks([&] { return deployTemplate(*deps, req, rc); }); }},
    };
}

}  // namespace rivetr::api
