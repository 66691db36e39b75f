// Structured logging on spdlog: one line per event, `event=name key=value ...`, level from config.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

namespace rivetr::log {

using Field = std::pair<std::string_view, std::string>;
using Fields = std::initializer_list<Field>;

enum class Level { trace, debug, info, warn, error, off };

// Idempotent; safe before any other call (the default logger writes info+ to stderr).
void init(std::string_view level);
bool parseLevel(std::string_view text, Level& out);
void setLevel(Level level);
bool enabled(Level level);

void write(Level level, std::string_view event, Fields fields);
inline void trace(std::string_view e, Fields f = {}) { write(Level::trace, e, f); }
inline void debug(std::string_view e, Fields f = {}) { write(Level::debug, e, f); }
inline void info(std::string_view e, Fields f = {}) { write(Level::info, e, f); }
inline void warn(std::string_view e, Fields f = {}) { write(Level::warn, e, f); }
inline void error(std::string_view e, Fields f = {}) { write(Level::error, e, f); }

// "event=x a=1 b=\"two words\"": exposed for tests and for callers composing lines.
std::string format(std::string_view event, Fields fields);

}  // namespace rivetr::log
