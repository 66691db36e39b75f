// Gzip content coding for large JSON answers: 1,000 apps are ~670 KB of JSON and ~10x less gzipped.
#pragma once

#include <string>
#include <string_view>

namespace rivetr::api {

// Whether an Accept-Encoding value allows gzip (RFC 9110 12.5.3: "gzip", "x-gzip" or "*", unless
// its q is 0). A missing header means identity only.
bool acceptsGzip(std::string_view acceptEncoding);

// An RFC 1952 gzip member of `data`. Throws std::runtime_error if zlib fails (out of memory).
std::string gzipCompress(std::string_view data);

}  // namespace rivetr::api
