// libcurl easy handle per request: ACME traffic is a handful of requests per certificate.
#include "proxy/acme_transport.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <memory>

namespace rivetr::proxy::acme {
namespace {

std::size_t onBody(char* p, std::size_t size, std::size_t n, void* ud) {
    static_cast<std::string*>(ud)->append(p, size * n);
    return size * n;
}

std::size_t onHeader(char* p, std::size_t size, std::size_t n, void* ud) {
    std::string line(p, size * n);
    auto colon = line.find(':');
    if (colon != std::string::npos) {
        std::string name = line.substr(0, colon);
        std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        std::string value = line.substr(colon + 1);
        while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.erase(0, 1);
        while (!value.empty() && (value.back() == '\r' || value.back() == '\n' || value.back() == ' ')) value.pop_back();
        (*static_cast<std::map<std::string, std::string>*>(ud))[name] = value;
    }
    return size * n;
}

}  // namespace

HttpReply Transport::get(const std::string& url) const { return perform("GET", url, nullptr); }
HttpReply Transport::head(const std::string& url) const { return perform("HEAD", url, nullptr); }
HttpReply Transport::postJose(const std::string& url, const std::string& body) const { return perform("POST", url, &body); }

HttpReply Transport::perform(const std::string& method, const std::string& url, const std::string* body) const {
    HttpReply r;
    std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> c(curl_easy_init(), curl_easy_cleanup);
    if (!c) {
        r.error = "curl init failed";
        return r;
    }
    curl_slist* hdrs = nullptr;
    hdrs = curl_slist_append(hdrs, "Content-Type: application/jose+json");
    hdrs = curl_slist_append(hdrs, "User-Agent: rivetr-acme");
    curl_easy_setopt(c.get(), CURLOPT_URL, url.c_str());
    curl_easy_setopt(c.get(), CURLOPT_HTTPHEADER, hdrs);
    curl_easy_setopt(c.get(), CURLOPT_TIMEOUT_MS, static_cast<long>(timeout_.count()));
    curl_easy_setopt(c.get(), CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c.get(), CURLOPT_WRITEFUNCTION, &onBody);
    curl_easy_setopt(c.get(), CURLOPT_WRITEDATA, &r.body);
    curl_easy_setopt(c.get(), CURLOPT_HEADERFUNCTION, &onHeader);
    curl_easy_setopt(c.get(), CURLOPT_HEADERDATA, &r.headers);
    if (!caBundle_.empty()) curl_easy_setopt(c.get(), CURLOPT_CAINFO, caBundle_.c_str());
    if (method == "HEAD") curl_easy_setopt(c.get(), CURLOPT_NOBODY, 1L);
    if (body) {
        curl_easy_setopt(c.get(), CURLOPT_POST, 1L);
        curl_easy_setopt(c.get(), CURLOPT_POSTFIELDS, body->c_str());
        curl_easy_setopt(c.get(), CURLOPT_POSTFIELDSIZE, static_cast<long>(body->size()));
    }
    auto rc = curl_easy_perform(c.get());
    curl_slist_free_all(hdrs);
    if (rc != CURLE_OK) {
        r.error = curl_easy_strerror(rc);
        return r;
    }
    curl_easy_getinfo(c.get(), CURLINFO_RESPONSE_CODE, &r.status);
    return r;
}

}  // namespace rivetr::proxy::acme
