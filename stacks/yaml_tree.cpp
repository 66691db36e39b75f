// libfyaml parses and resolves a compose file here, and the result is copied into YamlNode so no libfyaml type leaves this file.
#include "stacks/yaml_tree.hpp"

#include <libfyaml.h>

#include <cstddef>
#include <memory>
#include <unordered_map>

namespace rivetr::stacks {

const YamlNode* YamlNode::find(std::string_view key) const {
    // Compose mappings are small and duplicates are refused at parse time, so the first match is the only one.
    for (const YamlEntry& entry : entries) {
        if (entry.key == key) return &entry.value;
    }
    return nullptr;
}

namespace {

// libfyaml has no limit on alias expansion (ten levels of ten aliases each is 10^10 nodes, and
// fy_document_resolve allocates until memory runs out), and compose files can come from anyone.
// A compose file of a few thousand lines has a few ten thousand nodes.
constexpr std::size_t kMaxExpandedNodes = 200'000;

// fy_diag_destroy, not fy_diag_unref: only destroy frees the collected errors (and the token refs they hold).
struct DiagFree {
    void operator()(fy_diag* diag) const { fy_diag_destroy(diag); }
};
struct ParserFree {
    void operator()(fy_parser* parser) const { fy_parser_destroy(parser); }
};
// A document loaded by a parser goes back through that parser.
struct DocumentFree {
    fy_parser* parser = nullptr;
    void operator()(fy_document* document) const { fy_parse_document_destroy(parser, document); }
};
using DiagPtr = std::unique_ptr<fy_diag, DiagFree>;
using ParserPtr = std::unique_ptr<fy_parser, ParserFree>;
using DocumentPtr = std::unique_ptr<fy_document, DocumentFree>;

// A 1-based position; 0 when unknown.
struct Position {
    int line = 0;
    int column = 0;
};

Position positionOf(const fy_mark* mark) {
    if (mark == nullptr) return {};
    return {mark->line + 1, mark->column + 1};
}

// Errors are collected (line, column, message and token apart) rather than printed: the caller reports them.
DiagPtr makeDiag() {
    fy_diag_cfg cfg{};
    fy_diag_cfg_default(&cfg);
    cfg.fp = nullptr;
    cfg.output_fn = [](fy_diag*, void*, const char*, std::size_t) {};  // non-errors are of no use to a caller
    cfg.colorize = false;
    DiagPtr diag(fy_diag_create(&cfg));
    if (!diag) throw std::runtime_error("libfyaml: cannot create a diagnostic object");
    fy_diag_set_collect_errors(diag.get(), true);
    return diag;
}

// No FYPCF_ALLOW_DUPLICATE_KEYS: libfyaml refuses duplicates, and its merge then lets own keys win over merged
// ones (with the flag it would keep both). QUIET only as a second guard: collected errors are never printed.
ParserPtr makeParser(fy_diag* diag, std::string_view text) {
    fy_parse_cfg cfg{};
    cfg.flags = static_cast<fy_parse_cfg_flags>(FYPCF_QUIET);
    cfg.diag = diag;
    ParserPtr parser(fy_parser_create(&cfg));
    if (!parser) throw std::runtime_error("libfyaml: cannot create a parser");
    // An empty view may have a null data(); libfyaml wants a valid pointer.
    const char* data = text.empty() ? "" : text.data();
    if (fy_parser_set_string(parser.get(), data, text.size()) != 0) {
        throw std::runtime_error("libfyaml: cannot read the text");
    }
    return parser;
}

std::string tokenText(fy_token* token) {
    std::size_t length = 0;
    const char* text = token == nullptr ? nullptr : fy_token_get_text(token, &length);
    return text == nullptr ? std::string() : std::string(text, length);
}

// libfyaml's message, with what it leaves out: which key or alias, what a merge key takes, and why a quoted
// scalar is "wrongly indented" (a missing closing quote runs the scalar into the next lines).
std::string describe(const fy_diag_error& error) {
    std::string message = error.msg == nullptr ? "invalid YAML" : error.msg;
    const std::string token = tokenText(error.fyt);
    if (message.starts_with("duplicate key") && !token.empty()) return message + " \"" + token + "\"";
    if (message == "invalid alias" && !token.empty()) {
        return message + " *" + token + " (no anchor &" + token + " before it)";
    }
    if (message.starts_with("wrongly indented") && message.ends_with("quoted scalar")) {
        return message + " (is its closing quote missing?)";
    }
    // libfyaml's resolver takes only aliases here; an inline `<<: {a: 1}` lands here too (go-yaml takes it).
    if (message == "invalid merge key value") return message + " (<< takes an alias to a mapping, or a list of them)";
    return message;
}

// Throws the first collected error; `what` names the step when libfyaml failed without saying why.
[[noreturn]] void throwCollected(fy_diag* diag, const char* what) {
    void* iterator = nullptr;
    while (const fy_diag_error* error = fy_diag_errors_iterate(diag, &iterator)) {
        if (error->type == FYET_ERROR) throw YamlSyntaxError(error->line, error->column, describe(*error));
    }
    throw YamlSyntaxError(0, 0, std::string("libfyaml: ") + what + " failed");
}

bool gotError(fy_diag* diag) {
    void* iterator = nullptr;
    return fy_diag_errors_iterate(diag, &iterator) != nullptr || fy_diag_got_error(diag);
}

// The first document, or null for a stream with none (empty, or only comments).
DocumentPtr loadDocument(fy_parser* parser, fy_diag* diag) {
    DocumentPtr document(fy_parse_load_document(parser), DocumentFree{parser});
    if (!document && gotError(diag)) throwCollected(diag, "parsing");
    return document;
}

// A second document is refused at its `---` (a syntax error in it is reported as such).
void rejectSecondDocument(fy_parser* parser, fy_diag* diag) {
    DocumentPtr second = loadDocument(parser, diag);
    if (!second) return;
    const Position at = positionOf(fy_document_state_start_mark(fy_document_get_document_state(second.get())));
    throw YamlSyntaxError(at.line, at.column, "a compose file holds one YAML document");
}

// Counts the nodes a tree will have once its aliases are expanded, each anchor's subtree counted once.
class ExpansionCounter {
public:
    std::size_t count(fy_node* node);

private:
    std::size_t countAlias(fy_node* alias);
    std::size_t countChildren(fy_node* node);
    std::unordered_map<fy_node*, std::size_t> counted_;
};

std::size_t ExpansionCounter::count(fy_node* node) {
    if (node == nullptr) return 1;
    if (fy_node_is_alias(node)) return countAlias(node);
    return 1 + countChildren(node);
}

// Stops adding once over the limit so the sum cannot overflow.
std::size_t ExpansionCounter::countChildren(fy_node* node) {
    std::size_t total = 0;
    void* iterator = nullptr;
    if (fy_node_is_sequence(node)) {
        while (fy_node* item = fy_node_sequence_iterate(node, &iterator)) {
            if ((total += count(item)) > kMaxExpandedNodes) break;
        }
    } else if (fy_node_is_mapping(node)) {
        while (fy_node_pair* pair = fy_node_mapping_iterate(node, &iterator)) {
            total += count(fy_node_pair_key(pair)) + count(fy_node_pair_value(pair));
            if (total > kMaxExpandedNodes) break;
        }
    }
    return total;
}

std::size_t ExpansionCounter::countAlias(fy_node* alias) {
    fy_node* target = fy_node_resolve_alias(alias);
    if (target == nullptr) return 1;  // undefined or cyclic: fy_document_resolve reports it
    if (auto found = counted_.find(target); found != counted_.end()) return found->second;
    counted_[target] = 1;  // an alias inside its own anchor counts once here; resolve calls it a cycle
    const std::size_t total = count(target);
    counted_[target] = total;
    return total;
}

// Expands aliases and merge keys in place; the limit is checked first, on the unexpanded tree.
void resolve(fy_document* document, fy_diag* diag) {
    if (ExpansionCounter().count(fy_document_root(document)) > kMaxExpandedNodes) {
        throw YamlSyntaxError(0, 0, "aliases expand to more than " + std::to_string(kMaxExpandedNodes) +
                                        " nodes (an alias bomb?)");
    }
    if (fy_document_resolve(document) != 0) throwCollected(diag, "resolving aliases");
}

// Where a node starts: a scalar's token, or a collection's first scalar (0.7.12 has no collection mark).
// An empty plain scalar (`key:`) and an empty collection have none.
Position positionOf(fy_node* node) {
    if (node == nullptr) return {};
    void* iterator = nullptr;
    if (fy_node_is_scalar(node)) return positionOf(fy_token_start_mark(fy_node_get_scalar_token(node)));
    if (fy_node_is_sequence(node)) return positionOf(fy_node_sequence_iterate(node, &iterator));
    fy_node_pair* first = fy_node_mapping_iterate(node, &iterator);
    return first == nullptr ? Position{} : positionOf(fy_node_pair_key(first));
}

YamlNode convert(fy_node* node, int fallbackLine);

// YAML 1.2 core schema nulls; only plain ones, since "null" in quotes is a string.
bool isNullText(std::string_view text) {
    return text.empty() || text == "~" || text == "null" || text == "Null" || text == "NULL";
}

std::string scalarText(fy_node* node) {
    std::size_t length = 0;
    const char* text = fy_node_get_scalar(node, &length);
    return text == nullptr ? std::string() : std::string(text, length);
}

YamlNode convertScalar(fy_node* node, int line) {
    YamlNode out;
    out.text = scalarText(node);
    out.plain = fy_node_get_style(node) == FYNS_PLAIN;
    out.line = line;
    if (out.plain && isNullText(out.text)) {
        out.kind = YamlNode::Kind::Null;
        out.text.clear();
        out.plain = false;
    } else {
        out.kind = YamlNode::Kind::Scalar;
    }
    return out;
}

YamlNode convertSequence(fy_node* node, int fallbackLine) {
    YamlNode out;
    out.kind = YamlNode::Kind::Sequence;
    void* iterator = nullptr;
    while (fy_node* item = fy_node_sequence_iterate(node, &iterator)) out.items.push_back(convert(item, fallbackLine));
    out.line = out.items.empty() ? fallbackLine : out.items.front().line;
    return out;
}

YamlEntry convertEntry(fy_node_pair* pair, int fallbackLine) {
    fy_node* key = fy_node_pair_key(pair);
    const Position at = positionOf(key);
    if (key != nullptr && !fy_node_is_scalar(key)) {
        throw YamlSyntaxError(at.line, at.column, "a mapping key must be a scalar (a name), not a collection");
    }
    YamlEntry entry;
    entry.key = key == nullptr ? std::string() : scalarText(key);  // as written: `NULL:` is the name "NULL"
    entry.keyLine = at.line == 0 ? fallbackLine : at.line;
    entry.value = convert(fy_node_pair_value(pair), entry.keyLine);
    return entry;
}

YamlNode convertMapping(fy_node* node, int fallbackLine) {
    YamlNode out;
    out.kind = YamlNode::Kind::Mapping;
    void* iterator = nullptr;
    while (fy_node_pair* pair = fy_node_mapping_iterate(node, &iterator)) {
        out.entries.push_back(convertEntry(pair, fallbackLine));
    }
    out.line = out.entries.empty() ? fallbackLine : out.entries.front().keyLine;
    return out;
}

// `fallbackLine` is the holding key's line (1 for the root), used by nodes that have no position of their own.
YamlNode convert(fy_node* node, int fallbackLine) {
    if (node == nullptr) {  // libfyaml's absent value; it gives `key:` an empty plain scalar instead
        YamlNode out;
        out.line = fallbackLine;
        return out;
    }
    if (fy_node_is_sequence(node)) return convertSequence(node, fallbackLine);
    if (fy_node_is_mapping(node)) return convertMapping(node, fallbackLine);
    const int line = positionOf(node).line;
    return convertScalar(node, line == 0 ? fallbackLine : line);
}

}  // namespace

YamlNode parseYaml(std::string_view text) {
    DiagPtr diag = makeDiag();
    ParserPtr parser = makeParser(diag.get(), text);
    DocumentPtr document = loadDocument(parser.get(), diag.get());
    if (!document) return convert(nullptr, 1);
    rejectSecondDocument(parser.get(), diag.get());
    resolve(document.get(), diag.get());
    return convert(fy_document_root(document.get()), 1);
}

}  // namespace rivetr::stacks
