// Talks to the control API with libcurl; turns refused connections and error bodies into one clear line.
#include "cli/api_client.hpp"

#include "core/percent_encoding.hpp"

#include <cctype>
#include <cstdlib>
#include <memory>

namespace rivetr::cli {
namespace {

std::string envOr(const char* name, const std::string& fallback) {
    const char* v = std::getenv(name);
    return v && *v ? std::string(v) : fallback;
}

// curl's own wording for the common cases is technical; users know these words.
std::string transportReason(const http::Response& r) {
    switch (r.failure) {
        case http::Failure::CouldNotConnect: return "connection refused";
        case http::Failure::CouldNotResolve: return "host not found";
        case http::Failure::TimedOut: return "timed out";
        default: return r.detail;
    }
}

}  // namespace

ClientOptions resolveClientOptions(const std::string& urlOption, const std::string& tokenOption) {
    ClientOptions o;
    o.url = !urlOption.empty() ? urlOption : envOr("RIVETR_URL", o.url);
    while (!o.url.empty() && o.url.back() == '/') o.url.pop_back();
    o.token = !tokenOption.empty() ? tokenOption : envOr("RIVETR_TOKEN", "");
    return o;
}

std::string describeHttpError(long status, const std::string& body) {
    std::string out = std::to_string(status);
    auto j = nlohmann::json::parse(body, nullptr, false);
    if (j.is_object() && j.contains("error") && j["error"].is_object()) {
        const auto& e = j["error"];
        auto str = [&](const char* k) { return e.contains(k) && e[k].is_string() ? e[k].get<std::string>() : ""; };
        if (!str("code").empty()) out += " " + str("code");
        if (!str("message").empty()) out += ": " + str("message");
        if (!str("field").empty()) out += " (field " + str("field") + ")";
        // A compose file's issues (invalid_compose), one per line: file:line key: message.
        if (e.contains("issues") && e["issues"].is_array())
            for (const auto& i : e["issues"]) {
                if (!i.is_object()) continue;
                std::string line = i.value("line", 0) > 0 ? ":" + std::to_string(i.value("line", 0)) : "";
                std::string key = i.value("key", "");
                out += "\n  " + i.value("file", "") + line + ": " + (key.empty() ? "" : key + ": ") + i.value("message", "");
            }
        return out;
    }
    return body.empty() ? out : out + ": " + body.substr(0, 200);
}

http::Request ApiClient::request(const std::string& method, const std::string& path, const char* accept) const {
    http::Request req;
    req.method = method;
    req.url = opts_.url + path;
    req.headers = {std::string("Accept: ") + accept};
    if (!opts_.token.empty()) req.headers.push_back("Authorization: Bearer " + opts_.token);
    req.connectTimeout = std::chrono::seconds(10);
    return req;
}

nlohmann::json ApiClient::call(const std::string& method, const std::string& path, const nlohmann::json& body) const {
    auto req = request(method, path, "application/json");
    if (!body.is_null()) {
        req.body = body.dump();
        req.headers.push_back("Content-Type: application/json");
    }
    req.acceptEncoding = "";  // every coding libcurl decodes: the app list comes gzipped
    req.timeout = std::chrono::seconds(60);
    auto r = http::perform(req);
    if (!r.ok()) throw ApiError(0, "cannot reach " + opts_.url + ": " + transportReason(r));
    if (r.status >= 400) throw ApiError(static_cast<int>(r.status), describeHttpError(r.status, r.body));
    if (r.body.empty()) return nullptr;
    auto j = nlohmann::json::parse(r.body, nullptr, false);
    if (j.is_discarded()) throw ApiError(static_cast<int>(r.status), "the server answered with something that is not JSON");
    return j;
}

std::string pathSegment(const std::string& s) { return percentEncode(s); }

}  // namespace rivetr::cli
