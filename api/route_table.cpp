// The control API's routes gathered from every feature folder into the one list the server registers (and documents).
#include "api/route_table.hpp"

#include "api/auth/account_routes.hpp"
#include "api/auth/admin_routes.hpp"
#include "api/auth/auth_routes.hpp"
#include "api/apps/app_routes.hpp"
#include "api/apps/certificate_routes.hpp"
#include "api/apps/deployment_routes.hpp"
#include "api/apps/detect_route.hpp"
#include "api/apps/env_routes.hpp"
#include "api/apps/external_route_routes.hpp"
#include "api/auth/user_routes.hpp"
#include "api/hosts/host_routes.hpp"
#include "api/webhooks/webhook_delivery_routes.hpp"
#include "api/webhooks/webhook_routes.hpp"
#include "api/apps/live_routes.hpp"
#include "api/system/system_routes.hpp"
#include "api/containers/manager_routes.hpp"
#include "api/docker_policy/docker_policy_routes.hpp"
#include "api/images/image_routes.hpp"
#include "api/networks/network_routes.hpp"
#include "api/http/openapi.hpp"
#include "api/stacks/stack_routes.hpp"
#include "api/stacks/template_routes.hpp"
#include "api/terminal/terminal_routes.hpp"
#include "api/volume_content/volume_content_routes.hpp"
#include "api/volumes/volume_routes.hpp"

namespace rivetr::api {

std::vector<Route> controlRoutes(ApiContext& ctx, HealthProbes probes, engine::Engine* engine) {
    auto& apps = ctx.appsDeps;
    auto& auth = ctx.authDeps;
    std::vector<Route> routes{healthRoute(std::move(probes))};
    for (auto group : {appRoutes(apps), envRoutes(apps, engine), adminRoutes(auth), authRoutes(auth), accountRoutes(auth),
                       userRoutes(auth), externalRouteRoutes(apps), certificateRoutes(apps),
                       webhookDeliveryRoutes(ctx.webhooksDeps), liveRoutes(apps, engine), systemRoutes(ctx.systemDeps, engine)}) {
        routes.insert(routes.end(), group.begin(), group.end());
    }
    auto hostsDeps = std::make_shared<const HostsDeps>(HostsDeps{*ctx.hosts, ctx.hostRegistry.get(), ctx.trail});
    for (auto& r : hostRoutes(hostsDeps)) routes.push_back(std::move(r));
    auto imagesDeps = std::make_shared<ImagesDeps>(ImagesDeps{*ctx.hosts, images::ImageManager(*ctx.hosts), ctx.trail, {}});
    for (auto& r : imageRoutes(imagesDeps)) routes.push_back(std::move(r));
    auto containersDeps = std::make_shared<ContainersDeps>(ContainersDeps{
        ctx.hosts, ctx.appGateway,
        containers::ContainerManager(*ctx.hosts, ctx.containerPolicy, ctx.appGateway.get(), &ctx.editJournal), ctx.trail,
        ctx.terminals && ctx.terminals->options().enabled});
    // Lists from each host's event-fed cache while its stream is open ([docker] list_cache).
    if (ctx.containerListCache) containersDeps->manager.enableListCache();
    auto managerRoutes = containerManagerRoutes(containersDeps);
    routes.insert(routes.end(), managerRoutes.begin(), managerRoutes.end());
    auto networksDeps = std::make_shared<NetworksDeps>(NetworksDeps{networks::NetworkManager(*ctx.hosts, ctx.appGateway.get()), ctx.trail});
    for (auto& r : networkRoutes(networksDeps)) routes.push_back(std::move(r));
    auto policy = dockerPolicyRoutes(std::make_shared<const DockerPolicyDeps>(DockerPolicyDeps{ctx.dockerPolicy, ctx.trail}));
    routes.insert(routes.end(), policy.begin(), policy.end());
    auto volumesDeps = std::make_shared<VolumesDeps>(
        VolumesDeps{volumes::VolumeManager(*ctx.hosts, ctx.containerPolicy, ctx.appGateway.get()), ctx.trail});
    for (auto& r : volumeRoutes(volumesDeps)) routes.push_back(std::move(r));
    if (!ctx.stacks) ctx.stacks = std::make_shared<stacks::StackService>(ctx.stackOptions, ctx.stackRepo, ctx.hosts, &ctx.containerPolicy);
    auto stacksDeps = std::make_shared<StacksDeps>(StacksDeps{ctx.stacks, ctx.trail});
    for (auto group : {stackRoutes(stacksDeps), templateRoutes(stacksDeps)}) routes.insert(routes.end(), group.begin(), group.end());
    auto terminal = terminalRoutes(std::make_shared<const TerminalDeps>(TerminalDeps{ctx.hosts, ctx.terminals, ctx.terminalOrigins}));
    routes.insert(routes.end(), terminal.begin(), terminal.end());
    auto volumeContent = volumeContentRoutes(
        std::make_shared<const VolumeContentDeps>(VolumeContentDeps{ctx.hosts, ctx.trail, ctx.volumeContent}));
    routes.insert(routes.end(), volumeContent.begin(), volumeContent.end());
    if (engine) {
        for (auto group : {deploymentRoutes(apps, *engine), detectRoutes(apps, *engine), webhookRoutes(ctx.webhooksDeps, *engine)})
            routes.insert(routes.end(), group.begin(), group.end());
    }
    routes.push_back(openApiRoute(routes));
    return routes;
}

}  // namespace rivetr::api
