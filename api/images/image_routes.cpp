// The Docker manager's image routes: list, pull (SSE), remove, prune (dry run first), history, disk usage.
#include "api/images/image_routes.hpp"

#include "api/http/api_errors.hpp"
#include "api/http/json_fields.hpp"
#include "api/http/query_flag.hpp"
#include "api/docker_host/engine_failure.hpp"
#include "api/docker_host/host_query.hpp"
#include "api/images/image_json.hpp"
#include "api/images/image_pull_stream.hpp"
#include "runtime/image_reference.hpp"

namespace rivetr::api {
namespace {

using nlohmann::json;
using Request = Pistache::Rest::Request;
using store::Role;

// ?host= selects the engine; absent or "" is the local one. Pistache hands it over still percent-encoded.

// {id} is an image id or a reference; a reference's '/' arrives percent-encoded (%2F).
std::string imageParam(const Request& req) { return pathParam(req, ":id"); }

Reply listImages(ImagesDeps& d, const Request& req) {
    auto host = hostOf(req);
    return onHost(host, "", [&] {
        auto found = d.manager.listAcross(host);
        json list = json::array(), unreachable = json::array();
        for (const auto& [id, entries] : found.answers)
            for (const auto& e : entries) list.push_back(imageJson(e, id));
        for (const auto& u : found.unreachable) unreachable.push_back({{"host", u.host}, {"error", u.error}});
        return Reply::json(200, {{"host", hostLabel(host)}, {"images", list}, {"unreachable", unreachable}});
    });
}

runtime::PullReference pullReference(const std::string& body) {
    auto obj = parseJsonObject(body);
    auto image = JsonFields(obj, {"image"}).string("image");
    if (!image || image->empty()) throw ValidationError("image", "image is required, e.g. \"registry.example:5000/team/app:v1\"");
    try {
        return runtime::parsePullReference(*image);
    } catch (const runtime::RuntimeError& e) {
        throw ValidationError("image", e.daemonMessage());
    }
}

Reply pull(ImagesDeps& d, const Request& req, RequestContext& rc) {
    auto ref = pullReference(req.body());
    auto host = hostOf(req);
    return onHost(host, "image", [&] {
        auto rt = d.hosts.runtimeFor(host);  // an unknown or unreachable host answers before the stream opens
        runtime::PullRequest pr;
        pr.image = ref.str();
        if (d.registryAuthFor) pr.registryAuth = d.registryAuthFor(pr.image);
        d.trail.record(rc, "image.pull", "image", pr.image, {{"host", hostLabel(host)}});
        return Reply::streaming(imagePullStream(rt, hostLabel(host), pr));
    });
}

Reply removeImage(ImagesDeps& d, const Request& req, RequestContext& rc) {
    auto ref = imageParam(req);
    bool force = queryFlag(req, "force");
    auto host = hostOf(req);
    return onHost(host, "id", [&] {
        auto r = d.manager.remove(host, ref, force);
        d.trail.record(rc, "image.remove", "image", ref,
                       {{"host", hostLabel(host)}, {"force", force}, {"untagged", r.untagged}, {"deleted", r.deleted}});
        return Reply::json(200, imageRemovalJson(r));
    });
}

images::PruneFilter pruneFilter(const JsonFields& f) {
    images::PruneFilter filter;
    auto mode = f.string("mode").value_or("dangling");
    auto parsed = images::pruneModeFromString(mode);
    if (!parsed) throw ValidationError("mode", "mode must be \"dangling\" (untagged images) or \"unused\" (every image no container uses)");
    filter.mode = *parsed;
    if (const auto* ids = f.array("image_ids")) {
        filter.onlyIds.emplace();
        for (const auto& id : *ids) {
            if (!id.is_string()) throw ValidationError("image_ids", "image_ids must be image ids (strings)");
            filter.onlyIds->insert(id.get<std::string>());
        }
    }
    if (const auto* labels = f.object("labels")) {
        for (auto it = labels->begin(); it != labels->end(); ++it) {
            if (!it->is_string()) throw ValidationError("labels." + it.key(), "a label's value must be a string (\"\": any value)");
            filter.labels[it.key()] = it->get<std::string>();
        }
    }
    return filter;
}

// Without "dry_run": false it only shows what would go; executed, it plans again and removes exactly that.
Reply prune(ImagesDeps& d, const Request& req, RequestContext& rc) {
    auto obj = req.body().empty() ? json::object() : parseJsonObject(req.body());
    JsonFields f(obj, {"mode", "dry_run", "image_ids", "labels"});
    auto filter = pruneFilter(f);
    bool dryRun = f.boolean("dry_run").value_or(true);
    auto host = hostOf(req);
    return onHost(host, "", [&] {
        if (dryRun) return Reply::json(200, pruneJson(d.manager.planPrune(host, filter), true));
        auto report = d.manager.prune(host, filter);
        json removed = json::array(), refused = json::array();
        for (const auto& o : report.outcomes) (o.removed ? removed : refused).push_back(o.id);
        d.trail.record(rc, "image.prune", "host", hostLabel(host),
                       {{"mode", images::toString(filter.mode)}, {"removed", removed}, {"refused", refused},
                        {"removed_size_bytes", report.removedSizeBytes}});
        return Reply::json(200, pruneJson(report.plan, false, report.outcomes, report.removedSizeBytes));
    });
}

Reply history(ImagesDeps& d, const Request& req) {
    auto ref = imageParam(req);
    auto host = hostOf(req);
    return onHost(host, "id", [&] {
        json layers = json::array();
        for (const auto& l : d.manager.history(host, ref)) layers.push_back(imageLayerJson(l));
        return Reply::json(200, {{"layers", layers}});
    });
}

Reply diskUsage(ImagesDeps& d, const Request& req) {
    auto host = hostOf(req);
    return onHost(host, "", [&] {
        json out = diskUsageJson(d.manager.diskUsage(host));
        out["host"] = hostLabel(host);
        return Reply::json(200, out);
    });
}

}  // namespace

std::vector<Route> imageRoutes(std::shared_ptr<ImagesDeps> deps) {
    auto keep = [deps](auto f) { return [deps, f](const Request& req, RequestContext& rc) { return f(*deps, req, rc); }; };
    return {
        {Method::Get, "/api/images", Role::viewer,
         {"Every image on a host (?host=, default the local engine; * every host at once, an unreachable one listed in "
          "`unreachable`), with its host, size, tags, digests, whether it is "
          "dangling, and the containers that use it",
          "images", "", 200, "ImageList"},
         keep([](ImagesDeps& x, const Request& req, RequestContext&) { return listImages(x, req); })},
        {Method::Post, "/api/images/pull", Role::developer,
         {"Pull an image (?host=): an event stream of `progress` events ({id, status, current, total}), ending with "
          "`done` (ImagePullResult) or `error` ({error: {code, message}}); leaving the stream cancels the pull",
          "images", "ImagePullInput", 200, "EventStream"},
         keep(pull)},
        {Method::Delete, "/api/images/:id", Role::developer,
         {"Remove an image or one of its tags ({id}: an id or a reference, '/' as %2F; ?host=). Refused (409, with the "
          "engine's reason) while a container uses it, unless ?force=true (a running container's image never goes)",
          "images", "", 200, "ImageRemoval"},
         keep(removeImage)},
        {Method::Post, "/api/images/prune", Role::developer,
         {"Prune images (?host=): by default a dry run listing what would go and what stays (in use, built by "
          "Rivetr); with \"dry_run\": false it plans again and removes exactly those images, never forced",
          "images", "ImagePruneInput", 200, "ImagePrune"},
         keep(prune)},
        {Method::Get, "/api/images/:id/history", Role::viewer,
         {"An image's layers, newest first (?host=)", "images", "", 200, "ImageHistory"},
         keep([](ImagesDeps& x, const Request& req, RequestContext&) { return history(x, req); })},
        {Method::Get, "/api/docker/disk-usage", Role::viewer,
         {"What images, containers, volumes and the build cache take on a host's disk, and what a prune could free "
          "(?host=; the engine measures every volume, so this can take seconds)",
          "images", "", 200, "DiskUsage"},
         keep([](ImagesDeps& x, const Request& req, RequestContext&) { return diskUsage(x, req); })},
    };
}

}  // namespace rivetr::api
