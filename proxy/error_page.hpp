// The pages the proxy itself answers with (404/502/503/504/...): HTML for browsers, JSON otherwise.
#pragma once

#include <string>
#include <string_view>

namespace rivetr::proxy {

struct ErrorPage {
    int status = 500;
    std::string contentType;
    std::string body;
};

// Never carries internal error text: only the status and a fixed, user-facing explanation.
ErrorPage renderError(int status, std::string_view acceptHeader);

}  // namespace rivetr::proxy
