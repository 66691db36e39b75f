// Images first: a pull or a build that fails must fail the deploy while every running service is still untouched.
#include "stacks/stack_images.hpp"

#include "stacks/compose_labels.hpp"

namespace rivetr::stacks {
namespace {

bool imageHasHealthcheck(const nlohmann::json& inspect) {
    const auto pointer = "/Config/Healthcheck/Test"_json_pointer;
    if (!inspect.contains(pointer)) return false;
    const auto& test = inspect.at(pointer);
    return test.is_array() && !test.empty() && test[0] != "NONE";
}

std::optional<nlohmann::json> presentImage(runtime::ContainerRuntime& engine, const std::string& ref) {
    try {
        return engine.inspectImageJson(ref);
    } catch (const runtime::RuntimeError& e) {
        if (e.kind() == runtime::ErrorKind::ImageNotFound || e.kind() == runtime::ErrorKind::NotFound) return std::nullopt;
        throw;
    }
}

void build(runtime::ContainerRuntime& engine, const ComposeProject& p, const ServiceSpec& s, const std::string& tag,
           const ImageOptions& options) {
    runtime::BuildRequest request;
    request.contextDir = s.build->context;
    if (!s.build->dockerfile.empty()) request.dockerfile = s.build->dockerfile;
    request.tags = {tag};
    for (const auto& [k, v] : s.build->args) request.buildArgs[k] = v;
    request.target = s.build->target;
    request.labels = {{labels::kProject, p.name}, {labels::kService, s.name}, {labels::kVersion, labels::kComposeVersion}};
    request.cancel = options.cancel;
    if (options.onProgress) request.onProgress = [&](std::string_view line) { options.onProgress(s.name + " | " + std::string(line)); };
    engine.build(request);
}

void pull(runtime::ContainerRuntime& engine, const ServiceSpec& s, const std::string& ref, const ImageOptions& options) {
    runtime::PullRequest request;
    request.image = ref;
    request.cancel = options.cancel;
    auto result = engine.pullImage(request);
    if (options.onProgress) options.onProgress(s.name + " | " + result.status);
}

ServiceImage resolveOne(runtime::ContainerRuntime& engine, const ComposeProject& p, const ServiceSpec& s, const ImageOptions& options) {
    std::string ref = !s.container.image.empty() ? s.container.image : p.name + "-" + s.name;
    auto present = presentImage(engine, ref);
    const std::string& policy = s.pullPolicy;
    bool fetched = false;  // built or pulled: the image changed, so it is inspected again
    if (s.build && (!present || options.pull || policy == "build" || policy == "always")) {
        build(engine, p, s, ref, options);
        fetched = true;
    } else if (!s.build && (!present || options.pull || policy == "always")) {
        if (policy == "never") throw ServiceImageFailed(s.name, "image " + ref + " is not present and pull_policy is never");
        pull(engine, s, ref, options);
        fetched = true;
    }
    nlohmann::json inspect = fetched ? engine.inspectImageJson(ref) : std::move(*present);
    bool healthcheck = s.container.healthcheck ? s.container.healthcheck->test != std::vector<std::string>{"NONE"} : imageHasHealthcheck(inspect);
    return {ref, inspect.value("Id", ""), healthcheck};
}

}  // namespace

std::map<std::string, ServiceImage> resolveImages(runtime::ContainerRuntime& engine, const ComposeProject& project,
                                                  const std::vector<const ServiceSpec*>& services, const ImageOptions& options) {
    std::map<std::string, ServiceImage> out;
    for (const ServiceSpec* s : services) {
        try {
            out[s->name] = resolveOne(engine, project, *s, options);
        } catch (const runtime::RuntimeError& e) {
            throw ServiceImageFailed(s->name, std::string(s->build ? "build failed: " : "pull failed: ") + e.what());
        }
    }
    return out;
}

}  // namespace rivetr::stacks
