// Turns a container's raw log output (pieces, stdout/stderr apart, Docker timestamps) into whole lines.
#include "api/apps/container_log_lines.hpp"

#include <charconv>

#include "core/clock.hpp"

namespace rivetr::api {
namespace {

const char* streamName(runtime::LogStream s) { return s == runtime::LogStream::Stderr ? "stderr" : "stdout"; }

}  // namespace

nlohmann::json toJson(const ContainerLogLine& l) { return {{"ts", l.ts}, {"stream", l.stream}, {"line", l.line}}; }

ContainerLogLine parseTimestamped(std::string stream, std::string_view raw) {
    ContainerLogLine out{0, 0, std::move(stream), {}};
    auto sp = raw.find(' ');
    std::int64_t nanos = 0;
    if (sp != std::string_view::npos && parseRfc3339Nanos(raw.substr(0, sp), nanos)) {
        out.nanos = nanos;
        out.ts = nanos / 1000000;
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

std::optional<ContainerLogCursor> ContainerLogCursor::parse(std::string_view id) {
    auto colon = id.find(':');
    if (colon == std::string_view::npos) return std::nullopt;
    ContainerLogCursor c;
    auto nanos = id.substr(0, colon);
    auto same = id.substr(colon + 1);
    auto [e1, ec1] = std::from_chars(nanos.data(), nanos.data() + nanos.size(), c.nanos);
    auto [e2, ec2] = std::from_chars(same.data(), same.data() + same.size(), c.same);
    bool whole = e1 == nanos.data() + nanos.size() && e2 == same.data() + same.size();
    if (ec1 != std::errc() || ec2 != std::errc() || !whole || c.nanos < 0 || c.same < 0) return std::nullopt;
    return c;
}

std::string ContainerLogCursor::id() const { return std::to_string(nanos) + ":" + std::to_string(same); }

std::optional<std::string> ContainerLogSequence::next(const ContainerLogLine& l) {
    last_ = {l.nanos, l.nanos == last_.nanos ? last_.same + 1 : 0};
    bool seen = after_ && (last_.nanos < after_->nanos || (last_.nanos == after_->nanos && last_.same <= after_->same));
    if (seen) return std::nullopt;
    return last_.id();
}

}  // namespace rivetr::api
