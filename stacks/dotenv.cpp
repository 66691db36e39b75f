// A stack's .env read line by line as compose v2 reads it, interpolating only from the lines above, never Rivetr's environment.
#include "stacks/dotenv.hpp"

#include <optional>
#include <unordered_map>

#include "stacks/interpolation.hpp"

namespace rivetr::stacks {
namespace {

// Whitespace within a line; `\r` included so a stray CR (not part of CRLF) is trimmed like a space.
bool isBlank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f'; }

std::string_view trimLeft(std::string_view s) {
    while (!s.empty() && isBlank(s.front())) s.remove_prefix(1);
    return s;
}

std::string_view trim(std::string_view s) {
    s = trimLeft(s);
    while (!s.empty() && isBlank(s.back())) s.remove_suffix(1);
    return s;
}

// [A-Za-z_][A-Za-z0-9_.-]*, the names compose accepts in a .env file.
bool validKey(std::string_view key) {
    auto letter = [](char c) { return c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); };
    if (key.empty() || !letter(key.front())) return false;
    for (char c : key)
        if (!letter(c) && !(c >= '0' && c <= '9') && c != '.' && c != '-') return false;
    return true;
}

// Drops a UTF-8 byte order mark (some Windows editors add one) and turns CRLF into LF, so a file saved on
// Windows reads the same, multi-line quoted values included.
std::string normalized(std::string_view text) {
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i)
        if (!(text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n')) out += text[i];
    return out;
}

// A double-quoted value's escapes resolved into an interpolation template: `\$` becomes `$$` so the
// interpolation that follows leaves a literal `$`; an escape we do not know stays as written.
std::string unescaped(std::string_view raw) {
    std::string out;
    for (std::size_t i = 0; i < raw.size(); ++i) {
        if (raw[i] != '\\' || i + 1 == raw.size()) {
            out += raw[i];
            continue;
        }
        const char c = raw[++i];
        switch (c) {
            case 'n': out += '\n'; break;
            case 't': out += '\t'; break;
            case 'r': out += '\r'; break;
            case '\\': out += '\\'; break;
            case '"': out += '"'; break;
            case '$': out += "$$"; break;
            default:
                out += '\\';
                out += c;
        }
    }
    return out;
}

// An unquoted value: trimmed, cut at the first `#` that follows whitespace. Like compose, the cut happens
// after the leading trim, so `KEY= #x` is "#x" while `KEY=a #x` is "a".
std::string_view unquotedText(std::string_view raw) {
    std::string_view value = trimLeft(raw);
    for (std::size_t i = 1; i < value.size(); ++i)
        if (value[i] == '#' && isBlank(value[i - 1])) {
            value = value.substr(0, i);
            break;
        }
    return trim(value);
}

// One reading of one .env text: a cursor over it and the entries found so far (the only variables its
// values may interpolate).
class DotenvReader {
public:
    explicit DotenvReader(std::string_view text) : text_(normalized(text)) {}

    std::vector<DotenvEntry> read() {
        while (pos_ < text_.size()) {
            std::string_view content = trim(currentLine());
            if (content.empty() || content.front() == '#')
                nextLine();
            else
                statement();
        }
        return std::move(entries_);
    }

private:
    std::string text_;
    std::size_t pos_ = 0;
    int line_ = 1;  // the line pos_ is on
    std::vector<DotenvEntry> entries_;
    std::unordered_map<std::string, std::size_t> indexOf_;

    [[noreturn]] static void fail(int line, const std::string& what) {
        throw DotenvError(line, "line " + std::to_string(line) + ": " + what);
    }

    // From pos_ to the end of its line, newline excluded.
    std::string_view currentLine() const {
        std::string_view rest = std::string_view(text_).substr(pos_);
        return rest.substr(0, rest.find('\n'));
    }

    void nextLine() {
        const std::size_t newline = text_.find('\n', pos_);
        pos_ = newline == std::string::npos ? text_.size() : newline + 1;
        if (newline != std::string::npos) ++line_;
    }

    // pos_ is at the start of a line that is neither blank nor a comment: reads `KEY=VALUE` to its end.
    void statement() {
        const int line = line_;
        const std::string_view text = currentLine();
        const std::size_t equals = text.find('=');
        if (equals == std::string_view::npos)
            fail(line, "\"" + std::string(trim(text)) +
                           "\" is not KEY=VALUE (a bare KEY would take its value from the environment, "
                           "which a stack's .env never does)");
        const std::string key = keyOf(text.substr(0, equals), line);
        pos_ += equals + 1;
        while (pos_ < text_.size() && isBlank(text_[pos_])) ++pos_;
        const char first = pos_ < text_.size() ? text_[pos_] : '\0';
        std::string value;
        if (first == '\'' || first == '"') {
            value = quotedValue(first);
        } else {
            value = expand(unquotedText(currentLine()), line);
            nextLine();
        }
        store(key, std::move(value), line);
    }

    // The key part of a line (before `=`), without an `export ` prefix and surrounding blanks. The prefix is
    // taken before the trailing blanks go, as compose does, so `export =x` names no key (while `export=x` is
    // the key "export").
    static std::string keyOf(std::string_view part, int line) {
        std::string_view key = trimLeft(part);
        if (key.starts_with("export") && key.size() > 6 && isBlank(key[6])) key = key.substr(6);
        key = trim(key);
        if (!validKey(key))
            fail(line, "\"" + std::string(key) +
                           "\" is not a variable name (letters, digits, '_', '.' and '-', starting with a letter or '_')");
        return std::string(key);
    }

    // pos_ is on the opening quote: reads through the closing one (possibly lines later) and the rest of
    // that line. Single quotes are literal up to the next `'`; in double quotes a backslash escapes the
    // character after it, so `\"` does not close.
    std::string quotedValue(char quote) {
        const int startLine = line_;
        std::size_t end = pos_ + 1;
        while (end < text_.size() && text_[end] != quote) end += quote == '"' && text_[end] == '\\' ? 2 : 1;
        if (end >= text_.size()) fail(startLine, std::string("the ") + quote + " opened here is never closed");
        const std::string_view raw = std::string_view(text_).substr(pos_ + 1, end - pos_ - 1);
        for (char c : raw) line_ += c == '\n' ? 1 : 0;
        pos_ = end + 1;
        const std::string_view after = trimLeft(currentLine());
        if (!after.empty() && after.front() != '#')
            fail(line_, "\"" + std::string(after) + "\" follows the closing quote (only a # comment may)");
        nextLine();
        return quote == '"' ? expand(unescaped(raw), startLine) : std::string(raw);
    }

    // Interpolates from the entries read so far; one not (yet) defined is "".
    std::string expand(std::string_view value, int line) const {
        VariableLookup earlier = [this](std::string_view name) -> std::optional<std::string> {
            auto found = indexOf_.find(std::string(name));
            if (found == indexOf_.end()) return std::nullopt;
            return entries_[found->second].value;
        };
        try {
            return interpolate(value, earlier);
        } catch (const InterpolationError& e) {
            fail(line, e.what());
        }
    }

    // A repeated key keeps its first position but takes the later value and that value's line.
    void store(const std::string& key, std::string value, int line) {
        auto [found, added] = indexOf_.try_emplace(key, entries_.size());
        if (added) {
            entries_.push_back({key, std::move(value), line});
            return;
        }
        DotenvEntry& entry = entries_[found->second];
        entry.value = std::move(value);
        entry.line = line;
    }
};

}  // namespace

std::vector<DotenvEntry> parseDotenv(std::string_view text) { return DotenvReader(text).read(); }

}  // namespace rivetr::stacks
