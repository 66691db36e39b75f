// The table of every configuration key: its section, type, default (from Config), doc and validation.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>

#include "core/config.hpp"

namespace rivetr {

using ConfigField = std::variant<std::string*, std::int64_t*, bool*>;

struct ConfigKey {
    std::string_view section;
    std::string_view name;
    ConfigField (*field)(Config&);
    // Returns why the value is unacceptable, or nullopt. Checks needing several keys live in
    // validateConfig() so this stays a per-key rule.
    std::optional<std::string> (*validate)(const Config&);
    std::string_view doc;
};

// Every key Rivetr knows, in the order rivetr.example.toml documents them.
std::span<const ConfigKey> configKeys();

const ConfigKey* findConfigKey(std::string_view section, std::string_view name);

// "server.api_port" form used in every message.
std::string qualifiedName(const ConfigKey& key);

}  // namespace rivetr
