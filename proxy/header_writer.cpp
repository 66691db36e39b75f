// Start line + fields + CRLF, appended; the fields keep their order and their spelling as received.
#include "proxy/header_writer.hpp"

namespace rivetr::proxy {
namespace http = boost::beast::http;

namespace {

void append(std::string& out, boost::beast::string_view s) { out.append(s.data(), s.size()); }

void appendVersion(std::string& out, unsigned version) {
    out += "HTTP/";
    out += static_cast<char>('0' + version / 10);
    out += '.';
    out += static_cast<char>('0' + version % 10);
}

void appendFields(std::string& out, const http::fields& f) {
    for (const auto& field : f) {
        append(out, field.name_string());
        out += ": ";
        append(out, field.value());
        out += "\r\n";
    }
}

}  // namespace

void appendHeaderLines(std::string& out, const http::request_header<>& h) {
    append(out, h.method_string());
    out += ' ';
    append(out, h.target());
    out += ' ';
    appendVersion(out, h.version());
    out += "\r\n";
    appendFields(out, h);
}

void appendHeader(std::string& out, const http::request_header<>& h) {
    appendHeaderLines(out, h);
    out += "\r\n";
}

void appendHeader(std::string& out, const http::response_header<>& h) {
    appendVersion(out, h.version());
    const unsigned code = h.result_int();
    out += ' ';
    out += static_cast<char>('0' + code / 100);
    out += static_cast<char>('0' + (code / 10) % 10);
    out += static_cast<char>('0' + code % 10);
    out += ' ';
    append(out, h.reason());
    out += "\r\n";
    appendFields(out, h);
    out += "\r\n";
}

}  // namespace rivetr::proxy
