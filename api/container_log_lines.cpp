// Turns a container's raw log output (pieces, stdout/stderr apart, Docker timestamps) into whole lines.
#include "api/container_log_lines.hpp"

#include <ctime>

namespace rivetr::api {
namespace {

const char* streamName(runtime::LogStream s) { return s == runtime::LogStream::Stderr ? "stderr" : "stdout"; }

bool digits(std::string_view s) {
    for (char c : s) {
        if (c < '0' || c > '9') return false;
    }
    return !s.empty();
}

// Only the fixed RFC 3339 shape the engine writes; anything else is not a timestamp.
bool parseRfc3339Ms(std::string_view t, std::int64_t& ms) {
    if (t.size() < 20 || t[4] != '-' || t[7] != '-' || t[10] != 'T' || t[13] != ':' || t[16] != ':') return false;
    auto num = [&](std::size_t pos, std::size_t len) { return std::stoi(std::string(t.substr(pos, len))); };
    for (auto [pos, len] : {std::pair{0, 4}, {5, 2}, {8, 2}, {11, 2}, {14, 2}, {17, 2}}) {
        if (!digits(t.substr(pos, len))) return false;
    }
    std::tm tm{};
    tm.tm_year = num(0, 4) - 1900;
    tm.tm_mon = num(5, 2) - 1;
    tm.tm_mday = num(8, 2);
    tm.tm_hour = num(11, 2);
    tm.tm_min = num(14, 2);
    tm.tm_sec = num(17, 2);
    std::int64_t frac = 0;
    std::size_t i = 19;
    if (t[i] == '.') {
        std::size_t n = 0;
        for (++i; i < t.size() && t[i] >= '0' && t[i] <= '9'; ++i, ++n) {
            if (n < 3) frac = frac * 10 + (t[i] - '0');
        }
        for (; n < 3; ++n) frac *= 10;
    }
    if (i >= t.size() || t[i] != 'Z') return false;  // the engine always writes UTC
    ms = static_cast<std::int64_t>(timegm(&tm)) * 1000 + frac;
    return true;
}

}  // namespace

nlohmann::json toJson(const ContainerLogLine& l) { return {{"ts", l.ts}, {"stream", l.stream}, {"line", l.line}}; }

ContainerLogLine parseTimestamped(std::string stream, std::string_view raw) {
    ContainerLogLine out{0, std::move(stream), {}};
    auto sp = raw.find(' ');
    std::int64_t ms = 0;
    if (sp != std::string_view::npos && parseRfc3339Ms(raw.substr(0, sp), ms)) {
        out.ts = ms;
        raw.remove_prefix(sp + 1);
    }
    if (!raw.empty() && raw.back() == '\r') raw.remove_suffix(1);
    out.line = std::string(raw);
    return out;
}

std::vector<ContainerLogLine> ContainerLogLines::add(runtime::LogStream stream, std::string_view piece) {
    std::vector<ContainerLogLine> out;
    auto& buf = pending_[stream == runtime::LogStream::Stderr ? 1 : 0];
    buf.append(piece);
    std::size_t start = 0;
    for (auto nl = buf.find('\n'); nl != std::string::npos; nl = buf.find('\n', start)) {
        out.push_back(parseTimestamped(streamName(stream), std::string_view(buf).substr(start, nl - start)));
        start = nl + 1;
    }
    buf.erase(0, start);
    return out;
}

std::vector<ContainerLogLine> ContainerLogLines::finish() {
    std::vector<ContainerLogLine> out;
    for (int i = 0; i < 2; ++i) {
        if (!pending_[i].empty()) out.push_back(parseTimestamped(i ? "stderr" : "stdout", pending_[i]));
        pending_[i].clear();
    }
    return out;
}

}  // namespace rivetr::api
