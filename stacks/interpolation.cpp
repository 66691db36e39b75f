// Compose's ${...} interpolation as one left-to-right pass, so nested defaults cost no rescans and values come only from the lookup.
#include "stacks/interpolation.hpp"

#include <cstdio>

namespace rivetr::stacks {
namespace {

// compose-go has no limit, but Go stacks grow; ours do not, and compose files can come from anyone.
constexpr int kMaxNesting = 64;

bool isNameStart(char c) { return c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
bool isNameChar(char c) { return isNameStart(c) || (c >= '0' && c <= '9'); }

// What follows the name inside ${NAME...}: which of the six forms (or none) it is.
enum class Modifier { None, DefaultIfUnsetOrEmpty, DefaultIfUnset, ErrorIfUnsetOrEmpty, ErrorIfUnset, ReplaceIfNonEmpty, ReplaceIfSet };

bool isError(Modifier m) { return m == Modifier::ErrorIfUnsetOrEmpty || m == Modifier::ErrorIfUnset; }

// Whether the word after the modifier (default, message or replacement) is what the expression yields.
bool wordApplies(Modifier m, const std::optional<std::string>& value) {
    const bool set = value.has_value();
    const bool nonEmpty = set && !value->empty();
    switch (m) {
        case Modifier::DefaultIfUnsetOrEmpty:
        case Modifier::ErrorIfUnsetOrEmpty: return !nonEmpty;
        case Modifier::DefaultIfUnset:
        case Modifier::ErrorIfUnset: return !set;
        case Modifier::ReplaceIfNonEmpty: return nonEmpty;
        case Modifier::ReplaceIfSet: return set;
        case Modifier::None: return false;
    }
    return false;
}

// The text between double quotes with quotes, backslashes and control characters escaped, as Go's %q would.
std::string quoted(std::string_view text) {
    std::string out = "\"";
    for (char c : text) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (c == '\n') {
            out += "\\n";
        } else if (c == '\t') {
            out += "\\t";
        } else if (c == '\r') {
            out += "\\r";
        } else if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
            char hex[5];
            std::snprintf(hex, sizeof hex, "\\x%02x", static_cast<unsigned>(static_cast<unsigned char>(c)));
            out += hex;
        } else {
            out += c;  // UTF-8 bytes pass through untouched
        }
    }
    return out + "\"";
}

// One interpolation of one text. `evaluate` false means "parse only": the branch of a ${V:-d} that is not
// taken is still checked for syntax (like a shell, a malformed template is malformed either way) but looks
// nothing up, reports nothing unset and raises no ${V:?} error, as compose only interpolates the taken word.
class Interpolator {
public:
    Interpolator(std::string_view text, const VariableLookup& lookup, std::vector<std::string>* unset)
        : text_(text), lookup_(lookup), unset_(unset) {}

    std::string run() {
        std::string out;
        while (!atEnd()) {
            if (text_[pos_] == '$')
                dollar(out, true, 0);
            else
                out += text_[pos_++];  // a `}` or `{` outside ${...} is plain text
        }
        return out;
    }

private:
    std::string_view text_;
    const VariableLookup& lookup_;
    std::vector<std::string>* unset_;
    std::size_t pos_ = 0;

    bool atEnd() const { return pos_ >= text_.size(); }

    [[noreturn]] void malformed(const std::string& reason) const {
        throw InterpolationError("", "invalid interpolation format for " + quoted(text_) + ": " + reason +
                                         "; you may need to escape any $ with another $");
    }

    [[noreturn]] void unterminated() const { malformed("a \"${\" is not closed by \"}\""); }

    // The longest run of name characters at pos_ (possibly empty).
    std::string_view name() {
        const std::size_t start = pos_;
        if (!atEnd() && isNameStart(text_[pos_])) {
            while (!atEnd() && isNameChar(text_[pos_])) ++pos_;
        }
        return text_.substr(start, pos_ - start);
    }

    // A plain variable's value: "" when unset, and then it joins `unset`.
    std::string plainValue(std::string_view variable) {
        std::optional<std::string> value = lookup_(variable);
        if (value) return *value;
        if (unset_) unset_->emplace_back(variable);
        return "";
    }

    // pos_ is on a `$`: appends what it and what follows stand for.
    void dollar(std::string& out, bool evaluate, int depth) {
        const char next = pos_ + 1 < text_.size() ? text_[pos_ + 1] : '\0';
        if (next == '$') {
            out += '$';
            pos_ += 2;
        } else if (next == '{') {
            braced(out, evaluate, depth + 1);
        } else if (isNameStart(next)) {
            ++pos_;
            std::string_view variable = name();
            if (evaluate) out += plainValue(variable);
        } else {
            malformed("a \"$\" must be followed by a variable name, \"{\" or another \"$\"");
        }
    }

    // pos_ is just past the name, which was followed by something other than `}`.
    Modifier modifier() {
        const bool colon = text_[pos_] == ':';
        if (colon) ++pos_;
        if (atEnd()) unterminated();
        const char c = text_[pos_++];
        if (c == '-') return colon ? Modifier::DefaultIfUnsetOrEmpty : Modifier::DefaultIfUnset;
        if (c == '?') return colon ? Modifier::ErrorIfUnsetOrEmpty : Modifier::ErrorIfUnset;
        if (c == '+') return colon ? Modifier::ReplaceIfNonEmpty : Modifier::ReplaceIfSet;
        malformed(std::string("after \"${NAME\" comes \"}\" or one of \":-\", \"-\", \":?\", \"?\", \":+\", \"+\", not ") +
                  quoted(text_.substr(pos_ - 1 - (colon ? 1 : 0), colon ? 2 : 1)));
    }

    // pos_ is on the `$` of `${`: reads through the matching `}` and appends the result.
    void braced(std::string& out, bool evaluate, int depth) {
        if (depth > kMaxNesting) malformed("\"${\" nested more than " + std::to_string(kMaxNesting) + " deep");
        pos_ += 2;
        const std::string variable(name());
        if (atEnd()) unterminated();
        if (variable.empty())
            malformed(text_[pos_] == '}' ? "\"${}\" names no variable"
                                         : "\"${\" must be followed by a variable name ([A-Za-z_][A-Za-z0-9_]*)");
        if (text_[pos_] == '}') {
            ++pos_;
            if (evaluate) out += plainValue(variable);
            return;
        }
        const Modifier m = modifier();
        const std::optional<std::string> value = evaluate ? lookup_(variable) : std::nullopt;
        const bool useWord = evaluate && wordApplies(m, value);
        std::string word = readWord(useWord, depth);
        if (!evaluate) return;
        if (useWord && isError(m)) throw missing(variable, word);
        out += useWord ? word : value.value_or("");
    }

    // The default, message or replacement: up to the `}` that balances the `${`. Bare `{...}` pairs inside
    // it are text but count, so `${V:-{"a":1}}` yields `{"a":1}` (as the newest compose-go does).
    std::string readWord(bool evaluate, int depth) {
        std::string word;
        int open = 0;
        while (!atEnd()) {
            const char c = text_[pos_];
            if (c == '$') {
                dollar(word, evaluate, depth);
                continue;
            }
            ++pos_;
            if (c == '}' && open == 0) return word;
            if (c == '{') ++open;
            if (c == '}') --open;
            word += c;
        }
        unterminated();
    }

    static InterpolationError missing(const std::string& variable, const std::string& reason) {
        std::string message = "required variable " + variable + " is missing a value";
        if (!reason.empty()) message += ": " + reason;
        return InterpolationError(variable, message);
    }
};

}  // namespace

std::string interpolate(std::string_view text, const VariableLookup& lookup, std::vector<std::string>* unset) {
    return Interpolator(text, lookup, unset).run();
}

}  // namespace rivetr::stacks
