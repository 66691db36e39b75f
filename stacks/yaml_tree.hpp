// A compose file's YAML as a plain tree with line numbers, anchors, aliases and merge keys (<<) already expanded.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace rivetr::stacks {

struct YamlEntry;

// One node. Libfyaml parses (it resolves merge keys, which yaml-cpp reads as a literal "<<" key,
// jbeder/yaml-cpp#41); the tree copies what the compose loader needs so nothing of libfyaml leaks out.
struct YamlNode {
    enum class Kind { Null, Scalar, Sequence, Mapping };
    Kind kind = Kind::Null;
    std::string text;  // a scalar's value, escapes resolved; "" otherwise
    bool plain = false;  // an unquoted scalar: `80` and `true` are a number and a boolean, `"80"` a string
    int line = 0;        // 1-based: a scalar's own line; a collection's first line (its key's when empty)
    std::vector<YamlNode> items;     // a sequence's items, in order
    std::vector<YamlEntry> entries;  // a mapping's entries, in file order (merged entries included)

    bool isNull() const { return kind == Kind::Null; }
    bool isScalar() const { return kind == Kind::Scalar; }
    bool isSequence() const { return kind == Kind::Sequence; }
    bool isMapping() const { return kind == Kind::Mapping; }
    const YamlNode* find(std::string_view key) const;  // a mapping's value for `key`, nullptr when absent
};

struct YamlEntry {
    std::string key;  // scalar keys only: compose has no other kind
    int keyLine = 0;  // 1-based
    YamlNode value;
};

// A document that is not YAML, several documents, or a mapping key that is not a scalar.
class YamlSyntaxError : public std::runtime_error {
public:
    YamlSyntaxError(int line, int column, const std::string& message)
        : std::runtime_error(message), line_(line), column_(column) {}
    int line() const { return line_; }      // 1-based, 0 when unknown
    int column() const { return column_; }  // 1-based, 0 when unknown

private:
    int line_, column_;
};

// Parses one YAML document (an empty text is a Null root). Duplicate keys in one mapping are an error
// (keys brought in by a merge are overridden by the mapping's own keys, as YAML's merge spec says).
YamlNode parseYaml(std::string_view text);

}  // namespace rivetr::stacks
