// Every control-API route in one table: the single place that says which role each route needs.
#include "api/route_table.hpp"

#include "api/account_routes.hpp"
#include "api/admin_routes.hpp"
#include "api/auth_routes.hpp"
#include "api/app_routes.hpp"
#include "api/certificate_routes.hpp"
#include "api/deployment_routes.hpp"
#include "api/detect_route.hpp"
#include "api/env_routes.hpp"
#include "api/external_route_routes.hpp"
#include "api/user_routes.hpp"
#include "api/webhook_delivery_routes.hpp"
#include "api/webhook_routes.hpp"
#include "api/live_routes.hpp"
#include "api/openapi.hpp"

namespace rivetr::api {

std::vector<Route> controlRoutes(ApiContext& ctx, HealthProbes probes, engine::Engine* engine) {
    std::vector<Route> routes{healthRoute(std::move(probes))};
    for (auto group : {appRoutes(ctx), envRoutes(ctx, engine), adminRoutes(ctx), authRoutes(ctx), accountRoutes(ctx),
                       userRoutes(ctx), externalRouteRoutes(ctx), certificateRoutes(ctx), webhookDeliveryRoutes(ctx)}) {
        routes.insert(routes.end(), group.begin(), group.end());
    }
    if (engine) {
        auto group = deploymentRoutes(ctx, *engine);
        routes.insert(routes.end(), group.begin(), group.end());
        auto detect = detectRoutes(ctx, *engine);
        routes.insert(routes.end(), detect.begin(), detect.end());
        auto hooks = webhookRoutes(ctx, *engine);
        routes.insert(routes.end(), hooks.begin(), hooks.end());
    }
    auto live = liveRoutes(ctx, engine);
    routes.insert(routes.end(), live.begin(), live.end());
    routes.push_back(openApiRoute(routes));
    return routes;
}

}  // namespace rivetr::api
