// Loads rivetr.toml, applies RIVETR_<SECTION>_<KEY> overrides and validates, reporting every problem by key.
#include "core/config_loader.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <fstream>
#include <set>
#include <sstream>

#include "core/config_schema.hpp"
#include "core/text.hpp"

extern char** environ;

namespace rivetr {
namespace {

std::size_t editDistance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diag = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            std::size_t up = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diag = up;
        }
    }
    return row[b.size()];
}

// A misspelt key is the most common config mistake: name the key that was probably meant.
std::string suggestion(std::string_view section, std::string_view name) {
    const ConfigKey* best = nullptr;
    std::size_t bestDistance = 3;
    for (const auto& k : configKeys()) {
        auto d = editDistance(name, k.name) + (k.section == section ? 0 : 1);
        if (d < bestDistance) {
            bestDistance = d;
            best = &k;
        }
    }
    return best ? " (did you mean " + qualifiedName(*best) + "?)" : "";
}

bool knownSection(std::string_view s) {
    return std::any_of(configKeys().begin(), configKeys().end(), [&](const auto& k) { return k.section == s; });
}

const char* tomlTypeName(const toml::node& n) {
    switch (n.type()) {
        case toml::node_type::string: return "a string";
        case toml::node_type::integer: return "an integer";
        case toml::node_type::floating_point: return "a number";
        case toml::node_type::boolean: return "a boolean";
        case toml::node_type::table: return "a table";
        case toml::node_type::array: return "an array";
        default: return "a date/time";
    }
}

void applyTomlValue(Config& cfg, const ConfigKey& key, const toml::node& node, std::vector<ConfigProblem>& out) {
    auto field = key.field(cfg);
    auto wrongType = [&](const char* expected) {
        out.push_back({qualifiedName(key), std::string("must be ") + expected + " (got " + tomlTypeName(node) + ")"});
    };
    if (auto* s = std::get_if<std::string*>(&field)) {
        if (auto v = node.value_exact<std::string>()) **s = *v; else wrongType("a string");
    } else if (auto* i = std::get_if<std::int64_t*>(&field)) {
        if (auto v = node.value_exact<std::int64_t>()) **i = *v; else wrongType("an integer");
    } else if (auto* b = std::get_if<bool*>(&field)) {
        if (auto v = node.value_exact<bool>()) **b = *v; else wrongType("true or false");
    }
}

void applyToml(Config& cfg, const toml::table& root, std::vector<ConfigProblem>& out) {
    for (const auto& [sectionKey, sectionNode] : root) {
        std::string section(sectionKey.str());
        if (!knownSection(section)) {
            out.push_back({section, "unknown section [" + section + "]"});
            continue;
        }
        const auto* table = sectionNode.as_table();
        if (!table) {
            out.push_back({section, "must be a table [" + section + "]"});
            continue;
        }
        for (const auto& [nameKey, node] : *table) {
            std::string name(nameKey.str());
            const auto* key = findConfigKey(section, name);
            if (!key) {
                out.push_back({section + "." + name, "unknown key" + suggestion(section, name)});
                continue;
            }
            applyTomlValue(cfg, *key, node, out);
        }
    }
}

std::string upper(std::string_view s) {
    std::string r(s);
    std::transform(r.begin(), r.end(), r.begin(), [](unsigned char c) { return std::toupper(c); });
    return r;
}

std::optional<std::string> parseEnvValue(ConfigField field, const std::string& raw) {
    if (auto* s = std::get_if<std::string*>(&field)) {
        **s = raw;
        return std::nullopt;
    }
    if (auto* i = std::get_if<std::int64_t*>(&field)) {
        std::int64_t v = 0;
        auto [end, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), v);
        if (ec != std::errc() || end != raw.data() + raw.size()) return "must be an integer (got \"" + raw + "\")";
        **i = v;
        return std::nullopt;
    }
    auto* b = std::get<bool*>(field);
    auto l = asciiLower(raw);
    if (l == "true" || l == "1" || l == "yes") { *b = true; return std::nullopt; }
    if (l == "false" || l == "0" || l == "no") { *b = false; return std::nullopt; }
    return "must be true or false (got \"" + raw + "\")";
}

// RIVETR_<SECTION>_<KEY>: only variables under a known section prefix are config; RIVETR_URL and
// RIVETR_TOKEN belong to the CLI and are left alone. A misspelt key under a section is an error.
void applyEnvironment(Config& cfg, const Environment& env, std::vector<ConfigProblem>& out) {
    std::set<std::string> sections;
    for (const auto& k : configKeys()) sections.insert(std::string(k.section));
    for (const auto& [var, value] : env) {
        for (const auto& section : sections) {
            auto prefix = "RIVETR_" + upper(section) + "_";
            if (var.rfind(prefix, 0) != 0) continue;
            auto name = asciiLower(var.substr(prefix.size()));
            const auto* key = findConfigKey(section, name);
            if (!key) {
                out.push_back({var, "unknown configuration variable" + suggestion(section, name)});
            } else if (auto err = parseEnvValue(key->field(cfg), value)) {
                out.push_back({var, *err});
            }
        }
    }
}

void validate(const Config& cfg, std::vector<ConfigProblem>& out) {
    for (const auto& k : configKeys()) {
        if (auto err = k.validate(cfg)) out.push_back({qualifiedName(k), *err});
    }
    const auto& s = cfg.server;
    if (s.api_port == s.proxy_port || s.api_port == s.proxy_https_port) {
        out.push_back({"server.api_port", "must differ from server.proxy_port and server.proxy_https_port"});
    }
    if (s.proxy_port == s.proxy_https_port) {
        out.push_back({"server.proxy_https_port", "must differ from server.proxy_port"});
    }
    if (cfg.proxy.acme_enabled && cfg.proxy.acme_email.empty()) {
        out.push_back({"proxy.acme_email", "is required when proxy.acme_enabled is true"});
    }
}

ConfigLoad finish(ConfigLoad load, const Environment& env) {
    applyEnvironment(load.config, env, load.problems);
    validate(load.config, load.problems);
    return load;
}

ConfigLoad parseText(const std::string& text, const std::string& sourceName, ConfigLoad load) {
    try {
        auto root = toml::parse(text, sourceName);
        applyToml(load.config, root, load.problems);
    } catch (const toml::parse_error& e) {
        std::ostringstream where;
        where << sourceName << ":" << e.source().begin.line << ":" << e.source().begin.column;
        load.problems.push_back({where.str(), std::string("invalid TOML: ") + std::string(e.description())});
    }
    return load;
}

}  // namespace

Environment currentEnvironment() {
    Environment env;
    for (char** e = environ; e && *e; ++e) {
        std::string_view kv(*e);
        auto eq = kv.find('=');
        if (eq != std::string_view::npos) env.emplace(kv.substr(0, eq), kv.substr(eq + 1));
    }
    return env;
}

ConfigLoad loadConfigText(const std::string& text, const std::string& sourceName, const Environment& env) {
    return finish(parseText(text, sourceName, ConfigLoad{}), env);
}

ConfigLoad loadConfig(const std::optional<std::filesystem::path>& path, const Environment& env) {
    ConfigLoad load;
    auto file = path.value_or("rivetr.toml");
    std::error_code ec;
    if (!std::filesystem::exists(file, ec)) {
        if (path) load.problems.push_back({file.string(), "configuration file not found"});
        return finish(std::move(load), env);
    }
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        load.problems.push_back({file.string(), "cannot read configuration file"});
        return finish(std::move(load), env);
    }
    std::ostringstream text;
    text << in.rdbuf();
    load.file = file;
    return finish(parseText(text.str(), file.string(), std::move(load)), env);
}

std::string formatProblem(const ConfigProblem& p) { return p.key + ": " + p.message; }

}  // namespace rivetr
