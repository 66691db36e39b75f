// The image each service of a deploy runs: built from the stack, pulled, or already present, resolved before anything is created.
#pragma once

#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "runtime/cancel_token.hpp"
#include "runtime/container_runtime.hpp"
#include "stacks/compose_model.hpp"

namespace rivetr::stacks {

struct ServiceImage {
    std::string reference;  // what the container is created from (the file's image, or <project>-<service> for a build)
    std::string id;         // sha256:...
    bool hasHealthcheck = false;  // the file's healthcheck, else the image's HEALTHCHECK (NONE counts as none)
};

struct ImageOptions {
    bool pull = false;  // pull registry images again and rebuild built ones (pull & redeploy)
    runtime::CancelToken cancel{};
    std::function<void(const std::string&)> onProgress{};
};

// Thrown with the service whose image could not be had: nothing was created or changed yet.
class ServiceImageFailed : public std::runtime_error {
public:
    ServiceImageFailed(std::string service, const std::string& message)
        : std::runtime_error(message), service_(std::move(service)) {}
    const std::string& service() const { return service_; }

private:
    std::string service_;
};

// pull_policy: always pulls; never only uses a present image; build builds; missing/"" pulls what is absent.
std::map<std::string, ServiceImage> resolveImages(runtime::ContainerRuntime& engine, const ComposeProject& project,
                                                  const std::vector<const ServiceSpec*>& services, const ImageOptions& options);

}  // namespace rivetr::stacks
