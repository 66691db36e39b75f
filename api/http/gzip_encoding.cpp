// Accept-Encoding negotiation and gzip compression with zlib.
#include "api/http/gzip_encoding.hpp"

#include <zlib.h>

#include <algorithm>
#include <cctype>
#include <stdexcept>

namespace rivetr::api {
namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return s;
}

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
}

// "q=0", "q=0.0", "q=0.000": the coding is refused; any other weight accepts it.
bool refusedByWeight(std::string_view params) {
    auto q = params.find("q=");
    if (q == std::string_view::npos) return false;
    auto w = trim(params.substr(q + 2));
    return !w.empty() && w.find_first_not_of("0.") == std::string_view::npos;
}

}  // namespace

bool acceptsGzip(std::string_view header) {
    bool viaStar = false;
    while (!header.empty()) {
        auto comma = header.find(',');
        auto item = header.substr(0, comma);
        header = comma == std::string_view::npos ? std::string_view{} : header.substr(comma + 1);
        auto semi = item.find(';');
        auto coding = trim(item.substr(0, semi));
        bool refused = semi != std::string_view::npos && refusedByWeight(item.substr(semi + 1));
        if (iequals(coding, "gzip") || iequals(coding, "x-gzip")) return !refused;  // named wins over *
        if (coding == "*") viaStar = !refused;
    }
    return viaStar;
}

std::string gzipCompress(std::string_view data) {
    z_stream z{};
    // windowBits 15 + 16 asks zlib for the gzip wrapper; level 6 is zlib's default trade-off.
    if (deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
        throw std::runtime_error("gzip: deflateInit2 failed");
    }
    std::string out(deflateBound(&z, static_cast<uLong>(data.size())), '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    z.avail_in = static_cast<uInt>(data.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    int rc = deflate(&z, Z_FINISH);  // the bound guarantees one call suffices
    out.resize(z.total_out);
    deflateEnd(&z);
    if (rc != Z_STREAM_END) throw std::runtime_error("gzip: deflate did not finish");
    return out;
}

}  // namespace rivetr::api
