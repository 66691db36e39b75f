// The host a Docker-manager route addresses (?host=) and its other query values, read one way by every such route.
#include "api/docker_host/host_query.hpp"

#include "core/percent_encoding.hpp"
#include "hosts/host_directory.hpp"

namespace rivetr::api {

std::string queryText(const Pistache::Rest::Request& req, const std::string& name) {
    return percentDecode(req.query().get(name).value_or(""));
}

void addLabelQuery(const Pistache::Rest::Request& req, std::map<std::string, std::string>& labels) {
    auto label = queryText(req, "label");
    if (label.empty()) return;
    auto eq = label.find('=');
    labels[label.substr(0, eq)] = eq == std::string::npos ? "" : label.substr(eq + 1);
}

std::string hostOf(const Pistache::Rest::Request& req) { return queryText(req, "host"); }

std::string hostLabel(const std::string& host) { return host.empty() ? std::string(hosts::kLocalHost) : host; }

std::string pathParam(const Pistache::Rest::Request& req, const std::string& name) {
    return percentDecode(req.param(name).as<std::string>());
}

}  // namespace rivetr::api
