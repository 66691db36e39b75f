// The host a Docker-manager route addresses (?host=) and its other query values, read one way by every such route.
#pragma once

#include <pistache/router.h>

#include <map>
#include <string>

namespace rivetr::api {

// A query value as the client meant it (Pistache hands it over still percent-encoded); "" when absent.
std::string queryText(const Pistache::Rest::Request& req, const std::string& name);

// ?label=key or ?label=key=value (percent-decoded) added to `labels`; an empty value means "has the
// label". Absent or empty, nothing is added.
void addLabelQuery(const Pistache::Rest::Request& req, std::map<std::string, std::string>& labels);

// ?host= as given: "" (absent) means the local engine, which is how the managers take it too.
std::string hostOf(const Pistache::Rest::Request& req);

// The host's name as answers and audit entries show it: "" is the local host's name.
std::string hostLabel(const std::string& host);

// A path parameter (":name", ":id"), percent-decoded the same way.
std::string pathParam(const Pistache::Rest::Request& req, const std::string& name);

}  // namespace rivetr::api
