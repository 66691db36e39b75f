// GET /api/apps/:id/certificates: one entry per domain of the app, with the proxy's state for it.
#include "api/apps/certificate_routes.hpp"

#include "api/apps/app_routes.hpp"
#include "core/clock.hpp"

namespace rivetr::api {
namespace {

nlohmann::json timeOrNull(const std::optional<std::int64_t>& unixSec) {
    return unixSec ? nlohmann::json(formatRfc3339(*unixSec * 1000)) : nlohmann::json();
}

nlohmann::json toJson(const proxy::CertificateStatus& c) {
    return {{"domain", c.domain},
            {"state", c.state},
            {"not_after", timeOrNull(c.notAfter)},
            {"error", c.error ? nlohmann::json(*c.error) : nlohmann::json()},
            {"retry_at", timeOrNull(c.retryAt)}};
}

// Without a data plane hook the proxy serves plain HTTP: the same reduction says "none" for each.
CertificateView plainHttp(const std::vector<std::string>& domains) {
    CertificateView v;
    for (const auto& d : domains) {
        proxy::CertFacts f;
        f.domain = d;
        v.certificates.push_back(proxy::certificateStatus(f));
    }
    return v;
}

Reply certificates(AppsDeps& ctx, const Pistache::Rest::Request& req) {
    auto app = requireApp(ctx.apps, req);
    auto view = ctx.live.certificates ? ctx.live.certificates(app.domains) : plainHttp(app.domains);
    auto list = nlohmann::json::array();
    for (const auto& c : view.certificates) list.push_back(toJson(c));
    return Reply::json(200, {{"tls", view.tls}, {"acme", view.acme}, {"certificates", list}});
}

}  // namespace

std::vector<Route> certificateRoutes(AppsDeps& ctx) {
    return {{Method::Get, "/api/apps/:id/certificates", store::Role::viewer,
             {"Certificate state of each domain: {tls, acme, certificates:[{domain, state, not_after, error, retry_at}]}",
              "apps", "", 200, "Certificates"},
             [&ctx](const auto& req, auto&) { return certificates(ctx, req); }}};
}

}  // namespace rivetr::api
