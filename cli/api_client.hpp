// The CLI's client of the control API: one JSON request at a time over libcurl, failures as ApiError.
#pragma once

#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

#include "core/http_client.hpp"

namespace rivetr::cli {

// An operation that failed (transport or HTTP error); what() is the one line shown after "rivetr: ".
class ApiError : public std::runtime_error {
public:
    ApiError(int status, const std::string& message) : std::runtime_error(message), status_(status) {}
    int status() const { return status_; }  // 0 when the server was not reached

private:
    int status_;
};

struct ClientOptions {
    std::string url = "http://127.0.0.1:8080";
    std::string token;
};

// --url/--token win over RIVETR_URL/RIVETR_TOKEN, which win over the default URL.
ClientOptions resolveClientOptions(const std::string& urlOption, const std::string& tokenOption);

// "400 invalid: port must be between 1 and 65535 (field port)" from an error reply.
std::string describeHttpError(long status, const std::string& body);

class ApiClient {
public:
    explicit ApiClient(ClientOptions opts) : opts_(std::move(opts)) {}
    // Sends `body` as JSON unless null; returns the parsed reply (null for an empty body).
    // Throws ApiError for a transport failure or a status >= 400.
    nlohmann::json call(const std::string& method, const std::string& path, const nlohmann::json& body = nullptr) const;
    nlohmann::json get(const std::string& path) const { return call("GET", path); }
    const std::string& baseUrl() const { return opts_.url; }
    const ClientOptions& options() const { return opts_; }
    // A request to `path` with the token, the `Accept` type and the connect timeout every call uses.
    http::Request request(const std::string& method, const std::string& path, const char* accept) const;

private:
    ClientOptions opts_;
};

// Percent-encodes one path segment (app names, env keys, ids).
std::string pathSegment(const std::string& s);

}  // namespace rivetr::cli
