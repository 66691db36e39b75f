// A .env reader following the common dotenv conventions (Docker Compose, python-dotenv, Heroku).
#include "cli/dotenv.hpp"

#include "cli/args.hpp"

namespace rivetr::cli {
namespace {

std::string trim(const std::string& s) {
    auto b = s.find_first_not_of(" \t\r");
    if (b == std::string::npos) return "";
    return s.substr(b, s.find_last_not_of(" \t\r") - b + 1);
}

std::string unescapeDouble(const std::string& s) {
    std::string out;
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] != '\\' || i + 1 == s.size()) {
            out += s[i];
            continue;
        }
        char n = s[++i];
        out += n == 'n' ? '\n' : n == 't' ? '\t' : n;
    }
    return out;
}

// The value part after '='; `ok` false for an unterminated quote.
std::string parseValue(const std::string& raw, bool& ok) {
    auto v = trim(raw);
    ok = true;
    if (!v.empty() && (v[0] == '"' || v[0] == '\'')) {
        char q = v[0];
        size_t end = 1;
        while (end < v.size() && !(v[end] == q && (q == '\'' || v[end - 1] != '\\'))) ++end;
        if (end >= v.size()) {
            ok = false;
            return "";
        }
        auto inner = v.substr(1, end - 1);
        return q == '"' ? unescapeDouble(inner) : inner;
    }
    if (auto hash = v.find(" #"); hash != std::string::npos) v = trim(v.substr(0, hash));
    return v;
}

}  // namespace

EnvPair parseAssignment(const std::string& arg) {
    auto eq = arg.find('=');
    if (eq == std::string::npos || eq == 0) throw UsageError("expected KEY=VALUE, got \"" + arg + "\"");
    return {arg.substr(0, eq), arg.substr(eq + 1)};
}

std::vector<EnvPair> parseDotenv(const std::string& text) {
    std::vector<EnvPair> out;
    size_t lineNo = 0, pos = 0;
    while (pos <= text.size()) {
        auto nl = text.find('\n', pos);
        auto line = trim(text.substr(pos, nl == std::string::npos ? std::string::npos : nl - pos));
        pos = nl == std::string::npos ? text.size() + 1 : nl + 1;
        ++lineNo;
        if (line.empty() || line[0] == '#') continue;
        if (line.rfind("export ", 0) == 0) line = trim(line.substr(7));
        auto eq = line.find('=');
        bool ok = eq != std::string::npos && eq > 0;
        std::string value = ok ? parseValue(line.substr(eq + 1), ok) : "";
        if (!ok) throw UsageError(".env line " + std::to_string(lineNo) + ": expected KEY=VALUE");
        out.emplace_back(trim(line.substr(0, eq)), value);
    }
    return out;
}

}  // namespace rivetr::cli
