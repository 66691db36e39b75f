// The shipped stack templates: each one loads through the real compose loader, stays on loopback, and renders inputs and secrets safely.
#include "stacks/template_catalog.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <functional>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "stacks/compose_issue.hpp"
#include "stacks/compose_loader.hpp"
#include "stacks/yaml_tree.hpp"

namespace rivetr::stacks {
namespace {

namespace fs = std::filesystem;

const std::vector<std::string> kIds = {"gitea",     "grafana",  "mariadb", "mongodb",     "mysql",     "n8n",
                                       "nextcloud", "plausible", "postgres", "redis", "uptime-kuma", "vaultwarden"};

// The compose keys templates may use (a stricter list than the loader's: nothing host-level, no container_name).
const std::set<std::string> kServiceKeys = {"image", "command", "entrypoint", "environment", "env_file", "ports",
                                            "volumes", "networks", "depends_on", "healthcheck", "restart", "labels",
                                            "deploy", "user", "working_dir", "hostname", "ulimits", "sysctls",
                                            "shm_size", "stop_grace_period", "init", "tmpfs"};

bool isExtension(const std::string& key) { return key.rfind("x-", 0) == 0; }

// A value for every required input without a default, as a user would type it.
std::map<std::string, std::string> sampleInputs(const StackTemplate& t) {
    std::map<std::string, std::string> out;
    for (const TemplateInput& in : t.inputs) {
        if (!in.required || !in.defaultValue.empty()) continue;
        if (in.type == "url") out[in.name] = "https://app.example.com";
        else if (in.type == "email") out[in.name] = "admin@example.com";
        else if (in.type == "port") out[in.name] = "8080";
        else out[in.name] = "app.example.com";
    }
    return out;
}

std::string valueOf(const RenderedTemplate& r, const std::string& key) {
    for (const auto& [k, v] : r.env)
        if (k == key) return v;
    ADD_FAILURE() << key << " is not in the rendered environment";
    return "";
}

VariableLookup lookupOver(const RenderedTemplate& r) {
    std::map<std::string, std::string> env(r.env.begin(), r.env.end());
    return [env](std::string_view name) -> std::optional<std::string> {
        auto it = env.find(std::string(name));
        if (it == env.end()) return std::nullopt;
        return it->second;
    };
}

std::string describe(const ComposeInvalid& e) {
    std::string out;
    for (const ComposeIssue& i : e.issues()) out += i.file + ":" + std::to_string(i.line) + " " + i.key + ": " + i.message + "\n";
    return out;
}

class StackTemplateCompose : public ::testing::Test {
protected:
    fs::path dir = fs::temp_directory_path() / ("rivetr-template-test-" + std::to_string(::getpid()));

    void SetUp() override { fs::create_directories(dir); }
    void TearDown() override { fs::remove_all(dir); }

    // What a deploy of the rendered template hands the loader: its text, and its environment as the variables.
    ComposeSource sourceOf(const StackTemplate& t, const RenderedTemplate& r) const {
        ComposeSource source;
        source.text = r.compose;
        source.fileName = "compose.yaml";
        source.directory = dir;
        source.projectName = t.id;
        source.variables = lookupOver(r);
        source.exists = [](const fs::path&) { return true; };
        return source;
    }

    // The template rendered with defaults (and sample values where there are none), loaded as a deploy would.
    ComposeProject load(const StackTemplate& t) {
        const ComposeSource source = sourceOf(t, renderTemplate(t, sampleInputs(t)));
        try {
            return loadCompose(source);
        } catch (const ComposeInvalid& e) {
            ADD_FAILURE() << t.id << ":\n" << describe(e);
            return {};
        }
    }
};

TEST(StackTemplateCatalog, ShipsTheTwelveTemplatesSortedById) {
    std::vector<std::string> ids;
    for (const StackTemplate& t : stackTemplates()) ids.push_back(t.id);
    EXPECT_EQ(ids, kIds);
}

TEST(StackTemplateCatalog, FindsATemplateById) {
    const StackTemplate* t = findTemplate("uptime-kuma");
    ASSERT_NE(t, nullptr);
    EXPECT_EQ(t->name, "Uptime Kuma");
    EXPECT_EQ(t->webService, "uptime-kuma:3001");
    EXPECT_EQ(findTemplate("postgres")->secrets.at(0).name, "POSTGRES_PASSWORD");
    EXPECT_EQ(findTemplate("nope"), nullptr);
    EXPECT_EQ(findTemplate(""), nullptr);
}

TEST(StackTemplateCatalog, MetadataIsComplete) {
    const std::set<std::string> categories = {"database", "monitoring", "devtools", "automation", "security", "productivity", "analytics"};
    for (const StackTemplate& t : stackTemplates()) {
        SCOPED_TRACE(t.id);
        EXPECT_FALSE(t.name.empty());
        EXPECT_FALSE(t.description.empty());
        EXPECT_TRUE(categories.count(t.category)) << t.category;
        // Databases are reached by other stacks, not through a domain; everything else has a web interface.
        EXPECT_EQ(t.webService.empty(), t.category == "database") << t.webService;
        for (const TemplateInput& in : t.inputs) {
            EXPECT_FALSE(in.label.empty()) << in.name;
            EXPECT_FALSE(in.description.empty()) << in.name;
        }
        EXPECT_FALSE(t.compose.empty());
    }
}

nlohmann::json validJson() {
    return {{"id", "demo"}, {"name", "Demo"}, {"description", "d"}, {"category", "devtools"}, {"web_service", "web:80"},
            {"inputs", {{{"name", "PORT"}, {"label", "Port"}, {"type", "port"}, {"default", "80"}, {"required", true}}}},
            {"secrets", {{{"name", "KEY"}, {"length", 32}, {"alphabet", "hex"}}}}};
}

// The error for a template.json with `change` applied to a valid one ("" when it parses): a broken shipped file.
std::string parseProblem(const std::function<void(nlohmann::json&)>& change, const std::string& id = "demo") {
    nlohmann::json j = validJson();
    change(j);
    try {
        parseStackTemplate(id, j.dump(), "services: {}\n");
    } catch (const std::logic_error& e) {
        return e.what();
    }
    return "";
}

TEST(StackTemplateCatalog, ParsesAValidTemplateJson) {
    EXPECT_EQ(parseProblem([](nlohmann::json&) {}), "");
    EXPECT_EQ(parseProblem([](nlohmann::json& j) { j["web_service"] = nullptr; }), "");
    const StackTemplate t = parseStackTemplate("demo", R"({"id": "demo", "name": "D", "description": "d", "category": "database",
        "web_service": null, "inputs": [{"name": "A", "label": "A", "type": "string"}], "secrets": []})", "x: 1\n");
    EXPECT_EQ(t.webService, "");
    ASSERT_EQ(t.inputs.size(), 1u);
    EXPECT_FALSE(t.inputs[0].required);
    EXPECT_EQ(t.inputs[0].defaultValue, "");
    EXPECT_EQ(t.compose, "x: 1\n");
}

TEST(StackTemplateCatalog, RefusesABrokenTemplateJsonNamingTheFile) {
    using J = nlohmann::json;
    const std::vector<std::pair<std::function<void(J&)>, std::string>> cases = {
        {[](J& j) { j["id"] = "other"; }, "differs from its directory"},
        {[](J& j) { j["versoin"] = 1; }, "unknown key \"versoin\""},
        {[](J& j) { j["category"] = "games"; }, "unknown category"},
        {[](J& j) { j["web_service"] = "web"; }, "service:port"},
        {[](J& j) { j["web_service"] = "web:0"; }, "service:port"},
        {[](J& j) { j.erase("name"); }, "\"name\" must be a string"},
        {[](J& j) { j["inputs"][0]["type"] = "number"; }, "unknown type"},
        {[](J& j) { j["inputs"][0]["default"] = "http"; }, "the default must be a port"},
        {[](J& j) { j["inputs"][0]["required"] = "yes"; }, "true or false"},
        {[](J& j) { j["inputs"][0]["requried"] = true; }, "unknown key \"requried\""},
        {[](J& j) { j["inputs"][0]["name"] = "1PORT"; }, "not a variable name"},
        {[](J& j) { j["secrets"][0]["name"] = "PORT"; }, "declared twice"},
        {[](J& j) { j["secrets"][0]["length"] = 8; }, "length must be 16-4096"},
        {[](J& j) { j["secrets"][0]["alphabet"] = "emoji"; }, "unknown alphabet"},
        {[](J& j) { j["secrets"] = J::object(); }, "\"secrets\" must be a list"},
    };
    for (const auto& [change, expected] : cases) {
        const std::string problem = parseProblem(change);
        EXPECT_NE(problem.find("demo/template.json"), std::string::npos) << problem;
        EXPECT_NE(problem.find(expected), std::string::npos) << problem << " (expected: " << expected << ")";
    }
    EXPECT_NE(parseProblem([](J& j) { j["id"] = "Demo"; }, "Demo").find("stack name"), std::string::npos);
    EXPECT_THROW(parseStackTemplate("demo", "{not json", "x: 1\n"), std::logic_error);
    EXPECT_THROW(parseStackTemplate("demo", validJson().dump(), ""), std::logic_error);  // an empty compose.yaml
}

TEST_F(StackTemplateCompose, EveryTemplateLoadsWithDefaultsAndGeneratedSecrets) {
    for (const StackTemplate& t : stackTemplates()) {
        SCOPED_TRACE(t.id);
        const ComposeProject p = load(t);
        ASSERT_FALSE(p.services.empty());
        EXPECT_TRUE(p.unsetVariables.empty()) << p.unsetVariables.front();
        for (const ServiceSpec& s : p.services) {
            EXPECT_FALSE(s.container.image.empty()) << s.name;
            EXPECT_EQ(s.container.restartPolicy, "unless-stopped") << s.name;
            EXPECT_TRUE(s.containerName.empty()) << s.name;
            EXPECT_FALSE(s.build) << s.name;
        }
    }
}

// Interpolating the raw text with a recording lookup finds every variable the file reads.
TEST(StackTemplateVariables, EveryVariableIsAnInputOrASecretAndEachIsUsed) {
    for (const StackTemplate& t : stackTemplates()) {
        SCOPED_TRACE(t.id);
        const RenderedTemplate r = renderTemplate(t, sampleInputs(t));
        const VariableLookup values = lookupOver(r);
        std::set<std::string> read;
        std::vector<std::string> unset;
        interpolate(t.compose, [&](std::string_view name) { read.emplace(name); return values(name); }, &unset);
        EXPECT_TRUE(unset.empty());
        std::set<std::string> declared;
        for (const TemplateInput& in : t.inputs) declared.insert(in.name);
        for (const TemplateSecret& s : t.secrets) declared.insert(s.name);
        EXPECT_EQ(read, declared);
    }
}

TEST(StackTemplateVariables, RequiredVariablesFailWithoutAValue) {
    // Without its environment, a template refuses to load rather than starting with empty passwords.
    const StackTemplate* t = findTemplate("postgres");
    ASSERT_NE(t, nullptr);
    EXPECT_THROW(interpolate(t->compose, [](std::string_view) { return std::nullopt; }), InterpolationError);
}

TEST(StackTemplateKeys, OnlyTheSupportedSubsetIsUsed) {
    for (const StackTemplate& t : stackTemplates()) {
        SCOPED_TRACE(t.id);
        const YamlNode root = parseYaml(t.compose);
        for (const YamlEntry& e : root.entries)
            EXPECT_TRUE(e.key == "services" || e.key == "volumes" || e.key == "networks" || isExtension(e.key)) << e.key;
        const YamlNode* services = root.find("services");
        ASSERT_NE(services, nullptr);
        for (const YamlEntry& service : services->entries) {
            for (const YamlEntry& e : service.value.entries)
                EXPECT_TRUE(kServiceKeys.count(e.key) || isExtension(e.key)) << service.key << "." << e.key;
            if (const YamlNode* deploy = service.value.find("deploy")) {
                for (const YamlEntry& e : deploy->entries) EXPECT_EQ(e.key, "resources") << service.key;
            }
        }
    }
}

TEST_F(StackTemplateCompose, PortsArePublishedOnLoopbackOnly) {
    for (const StackTemplate& t : stackTemplates()) {
        SCOPED_TRACE(t.id);
        for (const ServiceSpec& s : load(t).services)
            for (const containers::PortSpec& port : s.container.ports) {
                EXPECT_EQ(port.hostIp, "127.0.0.1") << s.name << " " << port.container;
                EXPECT_NE(port.host, 0) << s.name << " " << port.container;
            }
    }
}

TEST_F(StackTemplateCompose, ThePortInputMovesThePublishedPort) {
    const StackTemplate* t = findTemplate("redis");
    ASSERT_NE(t, nullptr);
    const RenderedTemplate r = renderTemplate(*t, {{"PORT", "16379"}});
    EXPECT_EQ(valueOf(r, "PORT"), "16379");
    const ComposeProject p = loadCompose(sourceOf(*t, r));
    ASSERT_EQ(p.services.size(), 1u);
    ASSERT_EQ(p.services[0].container.ports.size(), 1u);
    EXPECT_EQ(p.services[0].container.ports[0].host, 16379);
    EXPECT_EQ(p.services[0].container.ports[0].container, 6379);
}

TEST_F(StackTemplateCompose, DataLivesOnNamedVolumesAndNothingIsBoundFromTheHost) {
    for (const StackTemplate& t : stackTemplates()) {
        SCOPED_TRACE(t.id);
        const ComposeProject p = load(t);
        EXPECT_FALSE(p.volumes.empty());
        for (const ServiceSpec& s : p.services)
            for (const containers::MountSpec& m : s.container.mounts) {
                EXPECT_EQ(m.type, "volume") << s.name << " " << m.target;
                EXPECT_FALSE(m.source.empty()) << s.name << " " << m.target;  // no anonymous volumes: data must survive
            }
    }
}

// A dependency with a declared healthcheck is waited for until healthy, and only such a one.
TEST_F(StackTemplateCompose, DependenciesWaitForHealthWhereThereIsAHealthcheck) {
    for (const StackTemplate& t : stackTemplates()) {
        SCOPED_TRACE(t.id);
        const ComposeProject p = load(t);
        for (const ServiceSpec& s : p.services)
            for (const Dependency& d : s.dependsOn) {
                const ServiceSpec* target = p.service(d.service);
                ASSERT_NE(target, nullptr) << d.service;
                const bool checked = target->container.healthcheck && target->container.healthcheck->test.at(0) != "NONE";
                EXPECT_EQ(d.condition == DependencyCondition::Healthy, checked) << s.name << " -> " << d.service;
            }
    }
}

TEST_F(StackTemplateCompose, WebServiceNamesARealService) {
    for (const StackTemplate& t : stackTemplates()) {
        if (t.webService.empty()) continue;
        SCOPED_TRACE(t.id);
        const auto colon = t.webService.rfind(':');
        const std::string service = t.webService.substr(0, colon);
        const int port = std::stoi(t.webService.substr(colon + 1));
        const ComposeProject p = load(t);
        const ServiceSpec* s = p.service(service);
        ASSERT_NE(s, nullptr) << t.webService;
        // The port a domain points at is the one the service publishes for direct access.
        EXPECT_TRUE(std::any_of(s->container.ports.begin(), s->container.ports.end(),
                                [&](const containers::PortSpec& ps) { return ps.container == port; }))
            << t.webService;
    }
}

TEST_F(StackTemplateCompose, ImagesArePinned) {
    for (const StackTemplate& t : stackTemplates()) {
        SCOPED_TRACE(t.id);
        for (const ServiceSpec& s : load(t).services) {
            const std::string& image = s.container.image;
            const auto slash = image.rfind('/');
            const auto colon = image.find(':', slash == std::string::npos ? 0 : slash);
            ASSERT_NE(colon, std::string::npos) << image;
            EXPECT_NE(image.substr(colon + 1), "latest") << image;
        }
    }
}

TEST(StackTemplateSecrets, HaveTheRequestedLengthAndAlphabetAndDifferBetweenRenders) {
    const std::map<std::string, std::string> alphabets = {
        {"alnum", "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"},
        {"hex", "0123456789abcdef"},
        {"base64url", "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"}};
    for (const StackTemplate& t : stackTemplates()) {
        SCOPED_TRACE(t.id);
        const RenderedTemplate a = renderTemplate(t, sampleInputs(t)), b = renderTemplate(t, sampleInputs(t));
        std::vector<std::string> names;
        for (const TemplateSecret& s : t.secrets) {
            names.push_back(s.name);
            const std::string value = valueOf(a, s.name);
            EXPECT_EQ(value.size(), static_cast<std::size_t>(s.length)) << s.name;
            EXPECT_EQ(value.find_first_not_of(alphabets.at(s.alphabet)), std::string::npos) << s.name << " " << value;
            EXPECT_NE(value, valueOf(b, s.name)) << s.name;
        }
        EXPECT_EQ(a.secretKeys, names);
        EXPECT_EQ(a.env.size(), t.inputs.size() + t.secrets.size());
    }
}

TEST(StackTemplateSecrets, EveryCharacterOfTheAlphabetCanAppear) {
    // 4096 draws over 62 characters: missing one by chance has a probability around 1e-27.
    for (const char* alphabet : {"alnum", "hex", "base64url"}) {
        const std::string value = generateSecret({"X", 4096, alphabet});
        ASSERT_EQ(value.size(), 4096u);
        const std::set<char> seen(value.begin(), value.end());
        EXPECT_EQ(seen.size(), std::string(alphabet) == "hex" ? 16u : std::string(alphabet) == "alnum" ? 62u : 64u) << alphabet;
    }
}

// A template with one input of each type, so every check is exercised whatever the shipped templates use.
StackTemplate typedTemplate() {
    StackTemplate t;
    t.id = "typed";
    t.inputs = {{"PORT", "Port", "port", "8080", "", true},
                {"NAME", "Name", "string", "", "", true},
                {"MAIL", "Mail", "email", "", "", false},
                {"SITE", "Site", "url", "", "", false}};
    t.secrets = {{"TOKEN", 20, "hex"}};
    t.compose = "services: {}\n";
    return t;
}

// The field a bad input is reported under, or "" when rendering succeeds.
std::string failingField(const StackTemplate& t, const std::map<std::string, std::string>& inputs) {
    try {
        renderTemplate(t, inputs);
    } catch (const TemplateInputError& e) {
        EXPECT_NE(std::string(e.what()).find(e.field()), std::string::npos) << "the message names the field: " << e.what();
        return e.field();
    }
    return "";
}

TEST(StackTemplateInputs, DefaultsGivenValuesAndOptionalEmptyOnes) {
    const RenderedTemplate r = renderTemplate(typedTemplate(), {{"NAME", "x"}, {"PORT", ""}});
    const std::vector<std::pair<std::string, std::string>> inputs(r.env.begin(), r.env.begin() + 4);
    EXPECT_EQ(inputs, (std::vector<std::pair<std::string, std::string>>{{"PORT", "8080"}, {"NAME", "x"}, {"MAIL", ""}, {"SITE", ""}}));
    EXPECT_EQ(r.env.at(4).first, "TOKEN");
    EXPECT_EQ(r.secretKeys, std::vector<std::string>{"TOKEN"});
    EXPECT_EQ(valueOf(renderTemplate(typedTemplate(), {{"NAME", "x"}, {"PORT", "443"}}), "PORT"), "443");
}

TEST(StackTemplateInputs, UnknownInputsAndSecretsAreRefused) {
    const StackTemplate t = typedTemplate();
    EXPECT_EQ(failingField(t, {{"NAME", "x"}, {"NOPE", "1"}}), "NOPE");
    EXPECT_EQ(failingField(t, {{"NAME", "x"}, {"TOKEN", "chosen"}}), "TOKEN");  // secrets are generated, never typed
}

TEST(StackTemplateInputs, ARequiredInputWithoutDefaultMustBeGiven) {
    EXPECT_EQ(failingField(typedTemplate(), {}), "NAME");
    EXPECT_EQ(failingField(typedTemplate(), {{"NAME", ""}}), "NAME");
    EXPECT_EQ(failingField(*findTemplate("grafana"), {}), "ROOT_URL");
}

TEST(StackTemplateInputs, PortsAreWholeNumbersFrom1To65535) {
    const StackTemplate t = typedTemplate();
    for (const char* good : {"1", "80", "65535"}) EXPECT_EQ(failingField(t, {{"NAME", "x"}, {"PORT", good}}), "") << good;
    for (const char* bad : {"0", "65536", "99999999", "-1", "+80", "80a", " 80", "8.0", "eighty"})
        EXPECT_EQ(failingField(t, {{"NAME", "x"}, {"PORT", bad}}), "PORT") << bad;
}

TEST(StackTemplateInputs, EmailsHaveOneAtAndADotAfterIt) {
    const StackTemplate t = typedTemplate();
    for (const char* good : {"a@b.co", "first.last@mail.example.com"})
        EXPECT_EQ(failingField(t, {{"NAME", "x"}, {"MAIL", good}}), "") << good;
    for (const char* bad : {"ab.co", "a@b", "a@b@c.d", "@b.co", "a@.co", "a@b.", "a b@c.d"})
        EXPECT_EQ(failingField(t, {{"NAME", "x"}, {"MAIL", bad}}), "MAIL") << bad;
}

TEST(StackTemplateInputs, UrlsAreHttpOrHttps) {
    const StackTemplate t = typedTemplate();
    for (const char* good : {"http://a", "https://cloud.example.com/", "https://x.example:8443/path?q=1"})
        EXPECT_EQ(failingField(t, {{"NAME", "x"}, {"SITE", good}}), "") << good;
    for (const char* bad : {"example.com", "ftp://example.com", "https://", "javascript:alert(1)", "https://a b"})
        EXPECT_EQ(failingField(t, {{"NAME", "x"}, {"SITE", bad}}), "SITE") << bad;
}

TEST(StackTemplateInputs, StringsHaveNoControlCharactersAndAtMost1024Bytes) {
    const StackTemplate t = typedTemplate();
    EXPECT_EQ(failingField(t, {{"NAME", std::string(1024, 'a')}}), "");
    EXPECT_EQ(failingField(t, {{"NAME", "caf\xc3\xa9 $x {y}"}}), "");  // UTF-8 and compose's own syntax are plain text in a value
    EXPECT_EQ(failingField(t, {{"NAME", std::string(1025, 'a')}}), "NAME");
    for (const std::string& bad : std::vector<std::string>{"a\nb", "a\tb", std::string("a\0b", 3), "a\x7f", "a\rb"})
        EXPECT_EQ(failingField(t, {{"NAME", bad}}), "NAME");
}

}  // namespace
}  // namespace rivetr::stacks
