// A compose file's YAML read into YamlNode: values, styles, lines, expanded aliases and merge keys, and the errors.
#include "stacks/yaml_tree.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace rivetr::stacks {
namespace {

// The error parseYaml throws for `text`, or nullopt (and a test failure) when it parses.
std::optional<YamlSyntaxError> errorOf(std::string_view text) {
    try {
        parseYaml(text);
    } catch (const YamlSyntaxError& e) {
        return e;
    }
    ADD_FAILURE() << "parsed without an error:\n" << text;
    return std::nullopt;
}

bool contains(const std::string& haystack, std::string_view needle) {
    return haystack.find(needle) != std::string::npos;
}

// The value at a path of mapping keys, failing the test when a key is missing.
const YamlNode& at(const YamlNode& node, std::initializer_list<std::string_view> path) {
    const YamlNode* current = &node;
    for (std::string_view key : path) {
        const YamlNode* next = current->find(key);
        if (next == nullptr) {
            ADD_FAILURE() << "no key " << key;
            static const YamlNode missing;
            return missing;
        }
        current = next;
    }
    return *current;
}

std::vector<std::string> keysOf(const YamlNode& mapping) {
    std::vector<std::string> keys;
    for (const YamlEntry& entry : mapping.entries) keys.push_back(entry.key);
    return keys;
}

TEST(YamlTreeScalars, PlainAndQuoted) {
    const YamlNode root = parseYaml("port: 80\nquoted: \"80\"\nsingle: '80'\nflag: true\nword: nginx\n");
    ASSERT_TRUE(root.isMapping());
    EXPECT_TRUE(at(root, {"port"}).isScalar());
    EXPECT_EQ(at(root, {"port"}).text, "80");
    EXPECT_TRUE(at(root, {"port"}).plain);
    EXPECT_EQ(at(root, {"quoted"}).text, "80");
    EXPECT_FALSE(at(root, {"quoted"}).plain);
    EXPECT_FALSE(at(root, {"single"}).plain);
    EXPECT_TRUE(at(root, {"flag"}).plain);
    EXPECT_EQ(at(root, {"word"}).text, "nginx");
}

TEST(YamlTreeScalars, EscapesAreResolved) {
    const YamlNode root = parseYaml("a: \"x\\ty\\u00e9\\\"\"\nb: 'it''s'\nc: plain # a comment\n");
    EXPECT_EQ(at(root, {"a"}).text, "x\ty\xC3\xA9\"");
    EXPECT_EQ(at(root, {"b"}).text, "it's");
    EXPECT_EQ(at(root, {"c"}).text, "plain");
}

TEST(YamlTreeScalars, NullForms) {
    const YamlNode root = parseYaml("a: null\nb: Null\nc: NULL\nd: ~\ne:\nf: \"null\"\ng: ''\nh: nulls\ni: nUll\n");
    for (std::string_view key : {"a", "b", "c", "d", "e"}) {
        const YamlNode& value = at(root, {key});
        EXPECT_TRUE(value.isNull()) << key;
        EXPECT_EQ(value.text, "") << key;
    }
    EXPECT_EQ(at(root, {"a"}).line, 1);
    EXPECT_EQ(at(root, {"e"}).line, 5);  // no token of its own: its key's line
    EXPECT_TRUE(at(root, {"f"}).isScalar());
    EXPECT_EQ(at(root, {"f"}).text, "null");
    EXPECT_TRUE(at(root, {"g"}).isScalar());  // a quoted empty string is a string
    EXPECT_EQ(at(root, {"g"}).text, "");
    EXPECT_TRUE(at(root, {"h"}).isScalar());
    EXPECT_TRUE(at(root, {"i"}).isScalar());  // not one of the core schema's spellings
}

TEST(YamlTreeScalars, KeysAreTheirText) {
    const YamlNode root = parseYaml("NULL: 1\n~: 2\n\"q k\": 3\n80: 4\n");
    EXPECT_EQ(keysOf(root), (std::vector<std::string>{"NULL", "~", "q k", "80"}));
}

TEST(YamlTreeScalars, NullSequenceItemsAndRoot) {
    const YamlNode seq = parseYaml("- ~\n- null\n-\n- x\n");
    ASSERT_TRUE(seq.isSequence());
    ASSERT_EQ(seq.items.size(), 4u);
    EXPECT_TRUE(seq.items[0].isNull());
    EXPECT_TRUE(seq.items[1].isNull());
    EXPECT_TRUE(seq.items[2].isNull());
    EXPECT_EQ(seq.items[3].text, "x");
    EXPECT_TRUE(parseYaml("~\n").isNull());
    EXPECT_EQ(parseYaml("hello\n").text, "hello");
}

TEST(YamlTreeCollections, NestedMapsAndSequences) {
    const YamlNode root = parseYaml(
        "services:\n"
        "  web:\n"
        "    ports:\n"
        "      - \"80:80\"\n"
        "      - target: 443\n"
        "        published: 8443\n"
        "    command: [sh, -c, 'echo hi']\n");
    const YamlNode& ports = at(root, {"services", "web", "ports"});
    ASSERT_TRUE(ports.isSequence());
    ASSERT_EQ(ports.items.size(), 2u);
    EXPECT_EQ(ports.items[0].text, "80:80");
    ASSERT_TRUE(ports.items[1].isMapping());
    EXPECT_EQ(at(ports.items[1], {"published"}).text, "8443");
    const YamlNode& command = at(root, {"services", "web", "command"});
    ASSERT_EQ(command.items.size(), 3u);
    EXPECT_EQ(command.items[2].text, "echo hi");
    EXPECT_FALSE(command.items[2].plain);
}

TEST(YamlTreeCollections, FlowStyle) {
    const YamlNode root =
        parseYaml("list: [a, b]\nmap: {a: 1, b: \"2\"}\nempty: []\nnone: {}\nnested: {x: [1, {y: z}]}\n");
    const YamlNode& list = at(root, {"list"});
    ASSERT_TRUE(list.isSequence());
    ASSERT_EQ(list.items.size(), 2u);
    EXPECT_EQ(list.items[1].text, "b");
    EXPECT_EQ(at(root, {"map", "a"}).text, "1");
    EXPECT_TRUE(at(root, {"map", "a"}).plain);
    EXPECT_FALSE(at(root, {"map", "b"}).plain);
    EXPECT_TRUE(at(root, {"empty"}).isSequence());
    EXPECT_TRUE(at(root, {"empty"}).items.empty());
    EXPECT_TRUE(at(root, {"none"}).isMapping());
    EXPECT_TRUE(at(root, {"none"}).entries.empty());
    EXPECT_EQ(at(at(root, {"nested", "x"}).items[1], {"y"}).text, "z");
}

TEST(YamlTreeCollections, LiteralAndFoldedBlocks) {
    const YamlNode root = parseYaml(
        "literal: |\n"
        "  line one\n"
        "  line two\n"
        "folded: >\n"
        "  word one\n"
        "  word two\n"
        "\n"
        "  next paragraph\n"
        "stripped: |-\n"
        "  no newline\n"
        "after: x\n");
    EXPECT_EQ(at(root, {"literal"}).text, "line one\nline two\n");
    EXPECT_FALSE(at(root, {"literal"}).plain);
    EXPECT_EQ(at(root, {"folded"}).text, "word one word two\nnext paragraph\n");
    EXPECT_FALSE(at(root, {"folded"}).plain);
    EXPECT_EQ(at(root, {"stripped"}).text, "no newline");
    EXPECT_EQ(at(root, {"literal"}).line, 2);  // a block scalar's line is its first content line, not the `|`
    EXPECT_EQ(at(root, {"after"}).line, 11);
}

TEST(YamlTreeCollections, FindOnlyLooksAtMappingEntries) {
    const YamlNode root = parseYaml("a: 1\nb: [a]\n");
    EXPECT_EQ(root.find("missing"), nullptr);
    EXPECT_EQ(at(root, {"b"}).find("a"), nullptr);
    EXPECT_EQ(at(root, {"a"}).find("a"), nullptr);
    EXPECT_EQ(YamlNode{}.find(""), nullptr);
}

TEST(YamlTreeAliases, AliasesAreExpanded) {
    const YamlNode root = parseYaml(
        "image: &img nginx:1.27\n"
        "env: &env\n"
        "  A: 1\n"
        "  B: two\n"
        "list: &list [x, y]\n"
        "web:\n"
        "  image: *img\n"
        "  environment: *env\n"
        "  tags: *list\n");
    EXPECT_EQ(at(root, {"web", "image"}).text, "nginx:1.27");
    EXPECT_TRUE(at(root, {"web", "image"}).plain);
    EXPECT_EQ(at(root, {"web", "environment", "B"}).text, "two");
    ASSERT_EQ(at(root, {"web", "tags"}).items.size(), 2u);
    EXPECT_EQ(at(root, {"web", "tags"}).items[1].text, "y");
    // An expanded copy keeps the lines of the anchored text it was copied from.
    EXPECT_EQ(at(root, {"web", "image"}).line, 1);
    EXPECT_EQ(at(root, {"web", "environment", "B"}).line, 4);
}

TEST(YamlTreeMerge, SingleMergeAndLocalOverride) {
    const YamlNode root = parseYaml(
        "base: &base\n"
        "  restart: always\n"
        "  image: base:1\n"
        "web:\n"
        "  image: web:2\n"
        "  <<: *base\n"
        "  ports: [\"80\"]\n");
    const YamlNode& web = at(root, {"web"});
    EXPECT_EQ(web.find("<<"), nullptr);
    EXPECT_EQ(at(web, {"restart"}).text, "always");
    EXPECT_EQ(at(web, {"image"}).text, "web:2");  // the mapping's own key wins, even when written before <<
    EXPECT_EQ(web.entries.size(), 3u);
    EXPECT_EQ(at(web, {"restart"}).line, 2);  // a merged value keeps its anchor's line
}

TEST(YamlTreeMerge, ListMergeFirstSourceWins) {
    const YamlNode root = parseYaml(
        "a: &a {p: 1, q: 2}\n"
        "b: &b {q: 20, r: 30, s: 40}\n"
        "m:\n"
        "  k: 0\n"
        "  <<: [*a, *b]\n"
        "  s: 400\n");
    const YamlNode& m = at(root, {"m"});
    EXPECT_EQ(at(m, {"p"}).text, "1");
    EXPECT_EQ(at(m, {"q"}).text, "2");  // YAML's merge: an earlier mapping in the list wins
    EXPECT_EQ(at(m, {"r"}).text, "30");
    EXPECT_EQ(at(m, {"s"}).text, "400");
    EXPECT_EQ(m.entries.size(), 5u);
}

// libfyaml 0.7.12 inserts each merged pair right after the `<<` pair, one at a time, then drops `<<`: so the
// merged keys take <<'s place, each source's keys reversed, and the last source of a list first. Pinned here so
// an upgrade that changes it is noticed; callers must not depend on where merged keys sit.
TEST(YamlTreeMerge, MergedKeyOrderIsLibfyamls) {
    const YamlNode root = parseYaml(
        "a: &a {p: 1, q: 2}\n"
        "b: &b {q: 20, r: 30, s: 40}\n"
        "one:\n"
        "  first: 0\n"
        "  <<: *a\n"
        "  last: 9\n"
        "two:\n"
        "  k: 0\n"
        "  <<: [*a, *b]\n"
        "  s: 400\n");
    EXPECT_EQ(keysOf(at(root, {"one"})), (std::vector<std::string>{"first", "q", "p", "last"}));
    EXPECT_EQ(keysOf(at(root, {"two"})), (std::vector<std::string>{"k", "r", "q", "p", "s"}));
}

TEST(YamlTreeMerge, NestedMerge) {
    const YamlNode root = parseYaml(
        "x-base: &base\n"
        "  restart: always\n"
        "  logging: {driver: json-file}\n"
        "x-web: &web\n"
        "  <<: *base\n"
        "  restart: unless-stopped\n"
        "  image: web\n"
        "services:\n"
        "  app:\n"
        "    <<: *web\n"
        "    image: app\n");
    const YamlNode& app = at(root, {"services", "app"});
    EXPECT_EQ(at(app, {"restart"}).text, "unless-stopped");
    EXPECT_EQ(at(app, {"image"}).text, "app");
    EXPECT_EQ(at(app, {"logging", "driver"}).text, "json-file");
    EXPECT_EQ(app.entries.size(), 3u);
    EXPECT_EQ(at(root, {"x-web", "logging", "driver"}).text, "json-file");
}

TEST(YamlTreeMerge, QuotedMergeKeyIsAnOrdinaryKey) {
    const YamlNode root = parseYaml("\"<<\": 1\n");
    EXPECT_EQ(at(root, {"<<"}).text, "1");
}

TEST(YamlTreeLines, ScalarsKeysAndCollections) {
    const YamlNode root = parseYaml(
        "# leading comment\n"
        "\n"
        "services:\n"
        "  web:\n"
        "    image: nginx\n"
        "    ports:\n"
        "      - \"80:80\"\n"
        "    labels: {}\n"
        "    command: []\n"
        "    env:\n");
    EXPECT_EQ(root.line, 3);  // the first key's line
    ASSERT_EQ(root.entries.size(), 1u);
    EXPECT_EQ(root.entries[0].keyLine, 3);
    const YamlNode& web = at(root, {"services", "web"});
    EXPECT_EQ(at(root, {"services"}).line, 4);  // a collection starts at its first child
    EXPECT_EQ(web.line, 5);
    EXPECT_EQ(web.entries[1].key, "ports");
    EXPECT_EQ(web.entries[1].keyLine, 6);
    EXPECT_EQ(at(web, {"image"}).line, 5);
    EXPECT_EQ(at(web, {"ports"}).line, 7);
    EXPECT_EQ(at(web, {"ports"}).items[0].line, 7);
    EXPECT_EQ(at(web, {"labels"}).line, 8);  // empty: its key's line
    EXPECT_EQ(at(web, {"command"}).line, 9);
    EXPECT_EQ(at(web, {"env"}).line, 10);
}

TEST(YamlTreeLines, EmptyRootCollectionIsLineOne) {
    EXPECT_EQ(parseYaml("# c\n{}\n").line, 1);
    EXPECT_EQ(parseYaml("\n\n[]\n").line, 1);
    EXPECT_EQ(parseYaml("\n\nx\n").line, 3);
}

TEST(YamlTreeEmpty, EmptyAndCommentOnlyTextIsNullRoot) {
    for (std::string_view text : {"", "\n\n", "   \n", "# only\n# comments\n", "---\n", "---\n# c\n...\n"}) {
        const YamlNode root = parseYaml(text);
        EXPECT_TRUE(root.isNull()) << text;
        EXPECT_EQ(root.line, 1) << text;
    }
    EXPECT_TRUE(parseYaml(std::string_view()).isNull());
}

TEST(YamlTreeEmpty, ExplicitDocumentMarkersAreOneDocument) {
    const YamlNode root = parseYaml("---\na: 1\n...\n");
    EXPECT_EQ(at(root, {"a"}).text, "1");
    EXPECT_EQ(at(root, {"a"}).line, 2);
}

TEST(YamlTreeErrors, DuplicateKeyNamesTheKeyAndLine) {
    const auto error = errorOf("services:\n  web:\n    image: a\n    ports: []\n    image: b\n");
    ASSERT_TRUE(error);
    EXPECT_TRUE(contains(error->what(), "duplicate key \"image\"")) << error->what();
    EXPECT_EQ(error->line(), 5);
    EXPECT_EQ(error->column(), 5);
}

TEST(YamlTreeErrors, DuplicateQuotedKeyAndDuplicateAfterAMerge) {
    const auto quoted = errorOf("\"a b\": 1\n'a b': 2\n");
    ASSERT_TRUE(quoted);
    EXPECT_TRUE(contains(quoted->what(), "\"a b\"")) << quoted->what();
    EXPECT_EQ(quoted->line(), 2);
    // A merge does not make a repeated own key legal.
    const auto merged = errorOf("x: &x {p: 1}\ny:\n  p: 2\n  <<: *x\n  p: 3\n");
    ASSERT_TRUE(merged);
    EXPECT_TRUE(contains(merged->what(), "\"p\"")) << merged->what();
    EXPECT_EQ(merged->line(), 5);
}

TEST(YamlTreeErrors, TwoDocuments) {
    const auto error = errorOf("a: 1\n---\nb: 2\n");
    ASSERT_TRUE(error);
    EXPECT_STREQ(error->what(), "a compose file holds one YAML document");
    EXPECT_EQ(error->line(), 2);
    EXPECT_EQ(error->column(), 1);
    const auto trailing = errorOf("a: 1\n---\n");  // an explicit empty second document is still one
    ASSERT_TRUE(trailing);
    EXPECT_EQ(trailing->line(), 2);
}

TEST(YamlTreeErrors, SyntaxErrorInASecondDocument) {
    const auto error = errorOf("a: 1\n---\nb: [\n");
    ASSERT_TRUE(error);
    EXPECT_GE(error->line(), 3);
}

TEST(YamlTreeErrors, TabIndentation) {
    const auto error = errorOf("services:\n  web:\n\timage: nginx\n");
    ASSERT_TRUE(error);
    EXPECT_TRUE(contains(error->what(), "tab")) << error->what();
    EXPECT_EQ(error->line(), 3);
}

TEST(YamlTreeErrors, UnterminatedQuotes) {
    const auto atEnd = errorOf("a: 1\nb: \"abc\n");
    ASSERT_TRUE(atEnd);
    EXPECT_TRUE(contains(atEnd->what(), "without closing quote")) << atEnd->what();
    EXPECT_EQ(atEnd->line(), 2);
    const auto runsOn = errorOf("a: \"abc\nb: 2\n");
    ASSERT_TRUE(runsOn);
    EXPECT_TRUE(contains(runsOn->what(), "closing quote")) << runsOn->what();
    EXPECT_EQ(runsOn->line(), 1);
    EXPECT_EQ(runsOn->column(), 4);
    const auto single = errorOf("a: 'abc\nb: 2\n");
    ASSERT_TRUE(single);
    EXPECT_EQ(single->line(), 1);
}

TEST(YamlTreeErrors, BadIndentation) {
    const auto error = errorOf("a:\n  b: 1\n c: 2\n");
    ASSERT_TRUE(error);
    EXPECT_TRUE(contains(error->what(), "indentation")) << error->what();
    EXPECT_EQ(error->line(), 3);
}

TEST(YamlTreeErrors, UnclosedFlowSequence) {
    const auto error = errorOf("a: [1, 2\nb: 3\n");
    ASSERT_TRUE(error);
    EXPECT_GE(error->line(), 1);
}

TEST(YamlTreeErrors, UndefinedAlias) {
    const auto error = errorOf("a: 1\nb: *nope\n");
    ASSERT_TRUE(error);
    EXPECT_TRUE(contains(error->what(), "*nope")) << error->what();
    EXPECT_EQ(error->line(), 2);
    EXPECT_EQ(error->column(), 5);
}

TEST(YamlTreeErrors, BadMergeValues) {
    const auto undefined = errorOf("a:\n  <<: *nope\n");
    ASSERT_TRUE(undefined);
    EXPECT_TRUE(contains(undefined->what(), "merge key")) << undefined->what();
    EXPECT_EQ(undefined->line(), 2);
    const auto scalar = errorOf("x: &x 1\na:\n  <<: *x\n");
    ASSERT_TRUE(scalar);
    EXPECT_EQ(scalar->line(), 3);
    // go-yaml (docker compose) takes an inline mapping here; libfyaml's resolver does not.
    const auto inlineMap = errorOf("a:\n  <<: {b: 1}\n");
    ASSERT_TRUE(inlineMap);
    EXPECT_EQ(inlineMap->line(), 2);
}

TEST(YamlTreeErrors, NonScalarKeys) {
    for (std::string_view text : {"? [a]: 1\n", "[a, b]: 1\n", "{a: 1}: 2\n", "x:\n  ? - a\n  : 1\n"}) {
        const auto error = errorOf(text);
        ASSERT_TRUE(error) << text;
        EXPECT_TRUE(contains(error->what(), "key must be a scalar")) << error->what();
        EXPECT_GE(error->line(), 1) << text;
    }
    EXPECT_EQ(errorOf("x:\n  ? - a\n  : 1\n")->line(), 2);
}

TEST(YamlTreeErrors, CyclicAlias) {
    const auto error = errorOf("a: &a [1, *a]\n");
    ASSERT_TRUE(error);
    EXPECT_TRUE(contains(error->what(), "cyclic")) << error->what();
    EXPECT_EQ(error->line(), 1);
}

// Ten levels of ten aliases is 10^10 nodes: refused before libfyaml tries to build them.
TEST(YamlTreeErrors, AliasBombIsRefusedQuickly) {
    std::string text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
    for (int i = 1; i < 10; ++i) {
        const std::string previous = "*a" + std::to_string(i - 1);
        text += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [";
        for (int j = 0; j < 10; ++j) text += (j == 0 ? "" : ", ") + previous;
        text += "]\n";
    }
    const auto start = std::chrono::steady_clock::now();
    const auto error = errorOf(text);
    ASSERT_TRUE(error);
    EXPECT_TRUE(contains(error->what(), "aliases expand to more than")) << error->what();
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
}

TEST(YamlTreeErrors, ManyAliasesBelowTheLimitParse) {
    std::string text = "x: &x {a: 1, b: 2}\nlist:\n";
    for (int i = 0; i < 2000; ++i) text += "  - *x\n";
    const YamlNode root = parseYaml(text);
    ASSERT_EQ(at(root, {"list"}).items.size(), 2000u);
    EXPECT_EQ(at(at(root, {"list"}).items[1999], {"b"}).text, "2");
}

TEST(YamlTreeErrors, IsARuntimeError) {
    try {
        parseYaml("a: [\n");
        FAIL() << "parsed";
    } catch (const std::runtime_error& e) {
        EXPECT_NE(std::string(e.what()), "");
    }
}

// ~30 lines as people write them: an x- anchor merged into services, ports, an environment map, a volume.
constexpr const char* kComposeFile =
    "# A small stack\n"
    "x-common: &common\n"
    "  restart: unless-stopped\n"
    "  logging:\n"
    "    driver: json-file\n"
    "    options: {max-size: \"10m\"}\n"
    "  environment: &common-env\n"
    "    TZ: UTC\n"
    "\n"
    "services:\n"
    "  web:\n"
    "    <<: *common\n"
    "    image: \"nginx:1.27\"\n"
    "    ports:\n"
    "      - \"8080:80\"\n"
    "      - 443:443\n"
    "    environment:\n"
    "      <<: *common-env\n"
    "      APP_ENV: production\n"
    "      DEBUG: \"false\"\n"
    "      EMPTY:\n"
    "    depends_on: [db]\n"
    "  db:\n"
    "    <<: *common\n"
    "    image: postgres:16\n"
    "    volumes:\n"
    "      - db-data:/var/lib/postgresql/data\n"
    "    command: >\n"
    "      postgres -c max_connections=200\n"
    "\n"
    "volumes:\n"
    "  db-data: {}\n";

TEST(YamlTreeCompose, RealisticFile) {
    const YamlNode root = parseYaml(kComposeFile);
    const YamlNode& web = at(root, {"services", "web"});
    EXPECT_EQ(at(web, {"restart"}).text, "unless-stopped");
    EXPECT_EQ(at(web, {"logging", "options", "max-size"}).text, "10m");
    EXPECT_EQ(at(web, {"image"}).text, "nginx:1.27");
    EXPECT_EQ(at(web, {"image"}).line, 13);
    const YamlNode& ports = at(web, {"ports"});
    ASSERT_EQ(ports.items.size(), 2u);
    EXPECT_FALSE(ports.items[0].plain);
    EXPECT_EQ(ports.items[1].text, "443:443");
    EXPECT_TRUE(ports.items[1].plain);
    EXPECT_EQ(ports.line, 15);
    const YamlNode& env = at(web, {"environment"});  // its own environment wins over common's
    EXPECT_EQ(at(env, {"TZ"}).text, "UTC");
    EXPECT_EQ(at(env, {"APP_ENV"}).text, "production");
    EXPECT_FALSE(at(env, {"DEBUG"}).plain);
    EXPECT_TRUE(at(env, {"EMPTY"}).isNull());
    EXPECT_EQ(at(env, {"EMPTY"}).line, 21);
    EXPECT_EQ(env.entries.size(), 4u);
    EXPECT_EQ(at(web, {"depends_on"}).items.at(0).text, "db");
    const YamlNode& db = at(root, {"services", "db"});
    EXPECT_EQ(at(db, {"image"}).text, "postgres:16");
    EXPECT_EQ(at(db, {"environment", "TZ"}).text, "UTC");
    EXPECT_EQ(at(db, {"command"}).text, "postgres -c max_connections=200\n");
    EXPECT_TRUE(at(root, {"volumes", "db-data"}).isMapping());
    EXPECT_EQ(at(root, {"volumes", "db-data"}).line, 32);
    EXPECT_EQ(keysOf(root), (std::vector<std::string>{"x-common", "services", "volumes"}));
}

}  // namespace
}  // namespace rivetr::stacks
