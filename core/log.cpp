// Structured logging on spdlog: one line per event, `event=name key=value ...`, level from config.
#include "core/log.hpp"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <mutex>

#include "core/url_userinfo.hpp"

namespace rivetr::log {
namespace {

std::shared_ptr<spdlog::logger> logger() {
    static std::once_flag once;
    static std::shared_ptr<spdlog::logger> instance;
    std::call_once(once, [] {
        // Logs go to stderr so stdout stays for what a command prints (the admin token, CLI output).
        instance = std::make_shared<spdlog::logger>("rivetr", std::make_shared<spdlog::sinks::stderr_sink_mt>());
        instance->set_pattern("%Y-%m-%dT%H:%M:%S.%eZ level=%l %v", spdlog::pattern_time_type::utc);
        instance->set_level(spdlog::level::info);
        instance->flush_on(spdlog::level::trace);
    });
    return instance;
}

spdlog::level::level_enum toSpd(Level l) {
    switch (l) {
        case Level::trace: return spdlog::level::trace;
        case Level::debug: return spdlog::level::debug;
        case Level::info: return spdlog::level::info;
        case Level::warn: return spdlog::level::warn;
        case Level::error: return spdlog::level::err;
        case Level::off: return spdlog::level::off;
    }
    return spdlog::level::info;
}

bool needsQuotes(std::string_view v) {
    if (v.empty()) return true;
    for (char c : v) {
        if (c == ' ' || c == '"' || c == '=' || c == '\\' || static_cast<unsigned char>(c) < 0x20) return true;
    }
    return false;
}

void appendValue(std::string& out, std::string_view v) {
    if (!needsQuotes(v)) {
        out += v;
        return;
    }
    out += '"';
    for (char c : v) {
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                if (static_cast<unsigned char>(c) < 0x20) out += '?'; else out += c;
        }
    }
    out += '"';
}

}  // namespace

bool parseLevel(std::string_view text, Level& out) {
    static constexpr std::pair<std::string_view, Level> names[] = {
        {"trace", Level::trace}, {"debug", Level::debug}, {"info", Level::info},
        {"warn", Level::warn},   {"error", Level::error}, {"off", Level::off}};
    for (auto [name, level] : names) {
        if (name == text) {
            out = level;
            return true;
        }
    }
    return false;
}

void init(std::string_view level) {
    Level l = Level::info;
    parseLevel(level, l);
    setLevel(l);
}

void setLevel(Level level) { logger()->set_level(toSpd(level)); }

bool enabled(Level level) { return logger()->should_log(toSpd(level)); }

std::string format(std::string_view event, Fields fields) {
    std::string line = "event=";
    appendValue(line, event);
    for (const auto& [k, v] : fields) {
        line += ' ';
        line += k;
        line += '=';
        // A value may quote a URL (an error naming a repository): its credentials never reach the log.
        if (v.find("://") == std::string::npos) appendValue(line, v);
        else appendValue(line, redactUrlCredentials(v));
    }
    return line;
}

void write(Level level, std::string_view event, Fields fields) {
    auto l = logger();
    if (!l->should_log(toSpd(level))) return;
    l->log(toSpd(level), "{}", format(event, fields));
}

}  // namespace rivetr::log
