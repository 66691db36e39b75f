// Small text helpers every module needs, once: ASCII case folding and reading a whole file.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace rivetr {

// ASCII letters lower-cased, every other byte as it is (header names, hosts, engine states: never
// locale-dependent).
std::string asciiLower(std::string_view s);

// An environment variable's name as Rivetr stores one (an app's env, a stack's variables):
// [A-Za-z_][A-Za-z0-9_]*, ASCII only, 1 to 256 bytes.
bool isVariableName(std::string_view name);

// The whole file's bytes; nullopt when it cannot be opened.
std::optional<std::string> readWholeFile(const std::filesystem::path& path);

}  // namespace rivetr
