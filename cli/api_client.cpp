// Talks to the control API with libcurl; turns refused connections and error bodies into one clear line.
#include "cli/api_client.hpp"

#include "core/percent_encoding.hpp"

#include <curl/curl.h>

#include <cctype>
#include <cstdlib>
#include <memory>

namespace rivetr::cli {
namespace {

size_t collect(char* data, size_t size, size_t n, void* out) {
    static_cast<std::string*>(out)->append(data, size * n);
    return size * n;
}

std::string envOr(const char* name, const std::string& fallback) {
    const char* v = std::getenv(name);
    return v && *v ? std::string(v) : fallback;
}

// curl's own wording for the common cases is technical; users know these words.
std::string transportReason(CURLcode code, const char* detail) {
    switch (code) {
        case CURLE_COULDNT_CONNECT: return "connection refused";
        case CURLE_COULDNT_RESOLVE_HOST: return "host not found";
        case CURLE_OPERATION_TIMEDOUT: return "timed out";
        default: return detail && *detail ? detail : curl_easy_strerror(code);
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
        return out;
    }
    return body.empty() ? out : out + ": " + body.substr(0, 200);
}

nlohmann::json ApiClient::call(const std::string& method, const std::string& path, const nlohmann::json& body) const {
    std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
    if (!curl) throw ApiError(0, "cannot initialise libcurl");
    CURL* c = curl.get();
    std::string url = opts_.url + path, reply, payload;
    char errbuf[CURL_ERROR_SIZE] = {0};
    curl_slist* headers = curl_slist_append(nullptr, "Accept: application/json");
    if (!opts_.token.empty()) headers = curl_slist_append(headers, ("Authorization: Bearer " + opts_.token).c_str());
    if (!body.is_null()) {
        payload = body.dump();
        headers = curl_slist_append(headers, "Content-Type: application/json");
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, payload.c_str());
        curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, static_cast<long>(payload.size()));
    } else if (method == "POST" || method == "PUT") {
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, "");
    }
    std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> headerGuard(headers, curl_slist_free_all);
    curl_easy_setopt(c, CURLOPT_URL, url.c_str());
    curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method.c_str());
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, collect);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &reply);
    curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");  // every coding libcurl decodes: the app list comes gzipped
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, 10000L);
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, 60000L);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    if (auto rc = curl_easy_perform(c); rc != CURLE_OK) {
        throw ApiError(0, "cannot reach " + opts_.url + ": " + transportReason(rc, errbuf));
    }
    long status = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
    if (status >= 400) throw ApiError(static_cast<int>(status), describeHttpError(status, reply));
    if (reply.empty()) return nullptr;
    auto j = nlohmann::json::parse(reply, nullptr, false);
    if (j.is_discarded()) throw ApiError(static_cast<int>(status), "the server answered with something that is not JSON");
    return j;
}

std::string pathSegment(const std::string& s) { return percentEncode(s); }

}  // namespace rivetr::cli
