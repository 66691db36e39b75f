// What a handler answers: status, body and content type; the middleware sends it and logs it.
#pragma once

#include <nlohmann/json.hpp>

#include <functional>
#include <memory>
#include <string>

namespace rivetr::api {

class StreamProducer;  // api/http/sse_hub.hpp

struct Reply {
    int status = 200;
    std::string body;
    std::string contentType = "application/json";
    std::string cacheControl;  // empty: no Cache-Control header (the dashboard's assets set one)
    bool gzipped = false;      // body is gzip-coded (Content-Encoding: gzip)
    std::string vary;          // empty: no Vary header (answers negotiated on Accept-Encoding set one)

    // Set: the answer is a text/event-stream fed by this producer on the SSE hub's thread (the
    // middleware opens it after the access checks; status and body are then unused).
    std::shared_ptr<StreamProducer> stream;

    // Set: the connection leaves HTTP (a WebSocket, see terminal/). After the access checks the middleware
    // stops Pistache reading the connection and calls this on its reactor thread with a duplicate of its
    // socket, which the callee then owns; no byte of an answer has been written (status and body are unused).
    std::function<void(int fd)> takeOver;

    // A constructor rather than aggregate init, so adding a member never breaks `Reply{status, body, type}`
    // under -Wmissing-field-initializers.
    Reply(int s = 200, std::string b = {}, std::string type = "application/json")
        : status(s), body(std::move(b)), contentType(std::move(type)) {}

    static Reply json(int status, const nlohmann::json& j) { return {status, j.dump(), "application/json"}; }
    // CONTRACT.md error shape: {"error": {"code", "message", "field"?}}.
    static Reply error(int status, std::string code, std::string message, std::string field = {}) {
        nlohmann::json e{{"code", std::move(code)}, {"message", std::move(message)}};
        if (!field.empty()) e["field"] = std::move(field);
        return json(status, {{"error", e}});
    }
    static Reply takingOver(std::function<void(int fd)> f) {
        Reply r(101);
        r.takeOver = std::move(f);
        return r;
    }
    static Reply streaming(std::shared_ptr<StreamProducer> producer) {
        Reply r;
        r.contentType = "text/event-stream";
        r.stream = std::move(producer);
        return r;
    }
};

}  // namespace rivetr::api
