// Typed reads of compose values: one place that knows compose's scalar spellings (durations, byte sizes, booleans).
#include "stacks/yaml_read.hpp"

#include <cctype>
#include <charconv>
#include <cmath>

#include "core/text.hpp"

namespace rivetr::stacks {
namespace {

const char* kindName(const YamlNode& node) {
    switch (node.kind) {
        case YamlNode::Kind::Null: return "nothing";
        case YamlNode::Kind::Scalar: return "a value";
        case YamlNode::Kind::Sequence: return "a list";
        case YamlNode::Kind::Mapping: return "a mapping";
    }
    return "?";
}

std::optional<double> parseNumber(const std::string& text) {
    double value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) return std::nullopt;
    return value;
}

// One "<number><unit>" group of a Go duration, in nanoseconds per unit.
std::optional<double> unitNs(const std::string& unit) {
    if (unit == "ns") return 1.0;
    if (unit == "us" || unit == "µs") return 1e3;
    if (unit == "ms") return 1e6;
    if (unit == "s") return 1e9;
    if (unit == "m") return 60e9;
    if (unit == "h") return 3600e9;
    return std::nullopt;
}

std::optional<std::int64_t> parseGoDuration(const std::string& text) {
    if (text.empty()) return std::nullopt;
    if (auto seconds = parseNumber(text)) return static_cast<std::int64_t>(*seconds * 1e9);
    double total = 0;
    std::size_t i = 0;
    while (i < text.size()) {
        std::size_t start = i;
        while (i < text.size() && (std::isdigit(static_cast<unsigned char>(text[i])) || text[i] == '.')) ++i;
        auto number = parseNumber(text.substr(start, i - start));
        start = i;
        while (i < text.size() && !std::isdigit(static_cast<unsigned char>(text[i])) && text[i] != '.') ++i;
        auto unit = unitNs(text.substr(start, i - start));
        if (!number || !unit) return std::nullopt;
        total += *number * *unit;
    }
    return static_cast<std::int64_t>(total);
}

std::optional<std::int64_t> parseByteSize(const std::string& text) {
    std::size_t digits = 0;
    while (digits < text.size() && (std::isdigit(static_cast<unsigned char>(text[digits])) || text[digits] == '.')) ++digits;
    auto number = parseNumber(text.substr(0, digits));
    if (!number || *number < 0) return std::nullopt;
    std::string unit = asciiLower(text.substr(digits));
    if (!unit.empty() && unit.back() == 'b' && unit.size() > 1) unit.pop_back();  // "mb" as "m"; a lone "b" is bytes
    static const std::pair<const char*, double> kUnits[] = {
        {"", 1}, {"b", 1}, {"k", 1024.0}, {"m", 1024.0 * 1024}, {"g", 1024.0 * 1024 * 1024}, {"t", 1024.0 * 1024 * 1024 * 1024}};
    for (const auto& [name, factor] : kUnits)
        if (unit == name) return static_cast<std::int64_t>(*number * factor);
    return std::nullopt;
}

}  // namespace

std::optional<std::string> readString(const YamlNode& node, const YamlAt& at) {
    if (node.isScalar()) return node.text;
    at.fail(node, std::string("expected a value, found ") + kindName(node));
    return std::nullopt;
}

std::optional<bool> readBool(const YamlNode& node, const YamlAt& at) {
    if (node.isScalar()) {
        std::string v = asciiLower(node.text);
        if (v == "true" || v == "yes" || v == "on") return true;
        if (v == "false" || v == "no" || v == "off") return false;
    }
    at.fail(node, "expected true or false");
    return std::nullopt;
}

std::optional<std::int64_t> readInt(const YamlNode& node, const YamlAt& at) {
    std::int64_t value = 0;
    const std::string& t = node.text;
    auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), value);
    if (node.isScalar() && !t.empty() && ec == std::errc() && end == t.data() + t.size()) return value;
    at.fail(node, "expected a whole number");
    return std::nullopt;
}

std::optional<double> readNumber(const YamlNode& node, const YamlAt& at) {
    if (node.isScalar())
        if (auto v = parseNumber(node.text)) return v;
    at.fail(node, "expected a number");
    return std::nullopt;
}

std::optional<std::vector<std::string>> readStringList(const YamlNode& node, const YamlAt& at) {
    if (node.isScalar()) return std::vector<std::string>{node.text};
    if (!node.isSequence()) {
        at.fail(node, std::string("expected a value or a list of values, found ") + kindName(node));
        return std::nullopt;
    }
    std::vector<std::string> out;
    bool ok = true;
    for (std::size_t i = 0; i < node.items.size(); ++i) {
        auto s = readString(node.items[i], at.item(i));
        if (s) out.push_back(*s);
        ok = ok && s.has_value();
    }
    return ok ? std::optional(out) : std::nullopt;
}

namespace {

std::optional<std::vector<std::pair<std::string, std::string>>> pairsFromList(const YamlNode& node, const YamlAt& at,
                                                                              const std::optional<std::string>& nullValue) {
    std::vector<std::pair<std::string, std::string>> out;
    for (std::size_t i = 0; i < node.items.size(); ++i) {
        auto s = readString(node.items[i], at.item(i));
        if (!s) return std::nullopt;
        auto eq = s->find('=');
        if (eq != std::string::npos) {
            out.emplace_back(s->substr(0, eq), s->substr(eq + 1));
        } else if (nullValue) {
            out.emplace_back(*s, *nullValue);
        } else {
            at.item(i).fail(node.items[i], "expected KEY=VALUE");
            return std::nullopt;
        }
    }
    return out;
}

}  // namespace

std::optional<std::vector<std::pair<std::string, std::string>>> readPairs(const YamlNode& node, const YamlAt& at,
                                                                          std::optional<std::string> nullValue) {
    if (node.isSequence()) return pairsFromList(node, at, nullValue);
    if (!node.isMapping()) {
        at.fail(node, std::string("expected a mapping or a list of KEY=VALUE, found ") + kindName(node));
        return std::nullopt;
    }
    std::vector<std::pair<std::string, std::string>> out;
    for (const YamlEntry& e : node.entries) {
        if (e.value.isNull() && nullValue) {
            out.emplace_back(e.key, *nullValue);
        } else if (auto s = readString(e.value, at.child(e.key))) {
            out.emplace_back(e.key, *s);
        } else {
            return std::nullopt;
        }
    }
    return out;
}

std::optional<std::int64_t> readDurationNs(const YamlNode& node, const YamlAt& at) {
    if (node.isScalar())
        if (auto ns = parseGoDuration(node.text); ns && *ns >= 0) return ns;
    at.fail(node, "expected a duration such as 30s, 1m30s or 500ms");
    return std::nullopt;
}

std::optional<std::int64_t> readBytes(const YamlNode& node, const YamlAt& at) {
    if (node.isScalar())
        if (auto bytes = parseByteSize(node.text)) return bytes;
    at.fail(node, "expected a size such as 512m, 1g or a number of bytes");
    return std::nullopt;
}

const std::vector<YamlEntry>* readMapping(const YamlNode& node, const YamlAt& at) {
    if (node.isMapping()) return &node.entries;
    at.fail(node, std::string("expected a mapping, found ") + kindName(node));
    return nullptr;
}

std::optional<std::vector<std::string>> splitCommand(const std::string& text) {
    std::vector<std::string> out;
    std::string word;
    bool inWord = false;
    char quote = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (quote) {
            if (c == quote) quote = 0;
            else if (c == '\\' && quote == '"' && i + 1 < text.size() && (text[i + 1] == '"' || text[i + 1] == '\\')) word += text[++i];
            else word += c;
        } else if (c == '\'' || c == '"') {
            quote = c;
            inWord = true;
        } else if (c == '\\' && i + 1 < text.size()) {
            word += text[++i];
            inWord = true;
        } else if (std::isspace(static_cast<unsigned char>(c))) {
            if (inWord) out.push_back(std::move(word));
            word.clear();
            inWord = false;
        } else {
            word += c;
            inWord = true;
        }
    }
    if (quote) return std::nullopt;
    if (inWord) out.push_back(std::move(word));
    return out;
}

}  // namespace rivetr::stacks
