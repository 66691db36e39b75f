// Fixed texts per status; the Accept header decides between HTML and the API's JSON error shape.
#include "proxy/error_page.hpp"

namespace rivetr::proxy {
namespace {

struct Text {
    const char* code;
    const char* title;
    const char* message;
};

Text textFor(int status) {
    switch (status) {
        case 400: return {"bad_request", "Bad Request", "The request could not be understood."};
        case 404: return {"unknown_host", "Not Found", "No application is configured for this host name."};
        case 408: return {"request_timeout", "Request Timeout", "The request took too long to arrive."};
        case 413: return {"payload_too_large", "Payload Too Large", "The request body is larger than allowed."};
        case 431: return {"headers_too_large", "Request Header Fields Too Large", "The request headers are too large."};
        case 502: return {"bad_gateway", "Bad Gateway", "The application did not answer correctly."};
        case 503: return {"no_healthy_target", "Service Unavailable", "The application has no healthy instance right now."};
        case 504: return {"gateway_timeout", "Gateway Timeout", "The application took too long to answer."};
        default: return {"error", "Error", "The request could not be completed."};
    }
}

bool wantsHtml(std::string_view accept) {
    return accept.find("text/html") != std::string_view::npos;
}

}  // namespace

ErrorPage renderError(int status, std::string_view acceptHeader) {
    const auto t = textFor(status);
    ErrorPage page;
    page.status = status;
    if (wantsHtml(acceptHeader)) {
        page.contentType = "text/html; charset=utf-8";
        page.body = std::string("<!doctype html><html><head><meta charset=\"utf-8\"><title>") + std::to_string(status) +
                    " " + t.title + "</title></head><body style=\"font-family:sans-serif;margin:4em\"><h1>" +
                    std::to_string(status) + " " + t.title + "</h1><p>" + t.message +
                    "</p><hr><p>rivetr</p></body></html>\n";
    } else {
        page.contentType = "application/json";
        page.body = std::string("{\"error\":{\"code\":\"") + t.code + "\",\"message\":\"" + t.message +
                    "\",\"status\":" + std::to_string(status) + "}}\n";
    }
    return page;
}

}  // namespace rivetr::proxy
