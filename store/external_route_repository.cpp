// External routes in the store; the cross-table domain rule lives in migration 004's triggers.
#include "store/external_route_repository.hpp"

#include "core/clock.hpp"
#include "store/conflict_error.hpp"

namespace rivetr::store {
namespace {

ExternalRouteRecord read(Statement& st) {
    return {st.getText(0), st.getText(1), st.getInt(2) != 0, st.getInt(3), st.getInt(4)};
}

constexpr const char* kSelect = "SELECT domain, upstream, tls, created_at, updated_at FROM external_routes";

}  // namespace

void ExternalRouteRepository::put(const ExternalRouteRecord& route) {
    store_.withDb([&](Database& db) {
        try {
            auto now = nowMs();
            db.prepare("INSERT INTO external_routes(domain, upstream, tls, created_at, updated_at) VALUES (?,?,?,?,?) "
                       "ON CONFLICT(domain) DO UPDATE SET upstream = excluded.upstream, tls = excluded.tls, "
                       "updated_at = excluded.updated_at")
                .bindAll(route.domain, route.upstream, route.tls ? 1 : 0, now, now)
                .exec();
        } catch (const DbError& e) {
            rethrowAsConflict(e, {{"external_routes.domain", "domain"}});
        }
    });
}

std::optional<ExternalRouteRecord> ExternalRouteRepository::find(const std::string& domain) {
    return store_.withDb([&](Database& db) -> std::optional<ExternalRouteRecord> {
        auto st = db.prepare(std::string(kSelect) + " WHERE domain = ?");
        st.bind(1, domain);
        if (!st.step()) return std::nullopt;
        return read(st);
    });
}

std::vector<ExternalRouteRecord> ExternalRouteRepository::list() {
    return store_.withDb(
        [&](Database& db) { return db.prepare(std::string(kSelect) + " ORDER BY domain").rows(read); });
}

bool ExternalRouteRepository::remove(const std::string& domain) {
    return store_.withDb([&](Database& db) {
        return db.prepare("DELETE FROM external_routes WHERE domain = ?").bind(1, domain).exec() > 0;
    });
}

}  // namespace rivetr::store
