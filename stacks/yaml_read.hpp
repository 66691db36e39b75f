// Typed reads of compose values out of the YAML tree; a wrong type becomes an issue naming the key and line.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "stacks/compose_issue.hpp"
#include "stacks/yaml_tree.hpp"

namespace rivetr::stacks {

// Where a value sits: the issue list it reports to and its dotted key (services.web.ports[1]).
struct YamlAt {
    IssueList& issues;
    std::string key;

    YamlAt child(const std::string& name) const { return {issues, key.empty() ? name : key + "." + name}; }
    YamlAt item(std::size_t i) const { return {issues, key + "[" + std::to_string(i) + "]"}; }
    void fail(const YamlNode& node, const std::string& message) const { issues.add(node.line, key, message); }
};

// A scalar's text (numbers and booleans as written); nullopt and an issue for a collection or null.
std::optional<std::string> readString(const YamlNode& node, const YamlAt& at);
// true/false (also yes/no/on/off as compose v1 files have them, any case).
std::optional<bool> readBool(const YamlNode& node, const YamlAt& at);
std::optional<std::int64_t> readInt(const YamlNode& node, const YamlAt& at);
std::optional<double> readNumber(const YamlNode& node, const YamlAt& at);
// A string or a list of strings ("a b" stays one element: command strings are split by the caller).
std::optional<std::vector<std::string>> readStringList(const YamlNode& node, const YamlAt& at);
// A mapping {K: V} or a list ["K=V", "K"]: the pairs in order. `K` alone (no `=`) in a list, or a
// null value in a mapping, gives `nullValue` for it (environment: unset; labels: "").
std::optional<std::vector<std::pair<std::string, std::string>>> readPairs(const YamlNode& node, const YamlAt& at,
                                                                          std::optional<std::string> nullValue);
// "30s", "1m30s", "1.5s", "500ms", "1h", "2us" (compose's Go durations) or a bare number of seconds.
std::optional<std::int64_t> readDurationNs(const YamlNode& node, const YamlAt& at);
// "64M", "1g", "512kb", "1024" (bytes): compose's byte units, powers of 1024.
std::optional<std::int64_t> readBytes(const YamlNode& node, const YamlAt& at);

// The mapping's entries, after an issue for a non-mapping (nullptr then).
const std::vector<YamlEntry>* readMapping(const YamlNode& node, const YamlAt& at);

// Splits a command string the way compose does (shlex: quotes and backslashes, no expansion).
std::optional<std::vector<std::string>> splitCommand(const std::string& text);

}  // namespace rivetr::stacks
