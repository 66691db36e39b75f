// Builder planning: detection matrix, Dockerfile path safety, static Dockerfile, CLI argv and env files.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include "builders/registry.hpp"
#include "tests/support/test_support.hpp"
#include "tests/support/thrown_kind.hpp"

namespace rivetr::builders {
namespace {

using rivetr::test::readFile;
using rivetr::test::TempDir;
using rivetr::test::writeFile;

ToolLocator toolsInstalled(std::vector<std::string> present) {
    return [present](const std::string& program) -> std::optional<std::filesystem::path> {
        for (const auto& p : present) {
            if (p == program) return std::filesystem::path("/opt/fake/bin") / program;
        }
        return std::nullopt;
    };
}

class BuildersTest : public ::testing::Test {
protected:
    TempDir tmp{"rivetr-builders"};
    std::filesystem::path repo = tmp / "repo";
    std::filesystem::path secrets = tmp / "secrets";

    BuilderRegistry registry(std::vector<std::string> installed) {
        BuildersOptions o;
        o.cli.secretsDir = secrets;
        o.cli.tools = toolsInstalled(std::move(installed));
        return BuilderRegistry(o);
    }
    AppBuildSpec app() {
        AppBuildSpec a;
        a.appId = "app_1";
        a.image = "rivetr/app_1:dep_2";
        a.buildEnv = {{"API_TOKEN", "s3cr3t-value"}, {"NODE_ENV", "production"}};
        a.labels = {{"rivetr.managed", "true"}};
        return a;
    }
    std::optional<BuildErrorKind> errorOf(const std::function<void()>& f, std::string* message = nullptr) {
        return rivetr::test::thrownKind<BuildError>(f, message);
    }
};

TEST_F(BuildersTest, DetectionMatrix) {
    auto all = registry({"nixpacks", "pack"});
    auto packOnly = registry({"pack"});
    auto none = registry({});

    writeFile(repo / "package.json", "{}");
    EXPECT_EQ(all.detect(repo).builder, "nixpacks");
    EXPECT_EQ(packOnly.detect(repo).builder, "buildpacks");
    std::string message;
    EXPECT_EQ(errorOf([&] { none.detect(repo); }, &message), BuildErrorKind::ToolMissing);
    EXPECT_NE(message.find("Node.js"), std::string::npos) << message;
    EXPECT_NE(message.find("nixpacks"), std::string::npos) << message;
    EXPECT_NE(message.find("pack"), std::string::npos) << message;

    writeFile(repo / "Dockerfile", "FROM scratch\n");
    EXPECT_EQ(none.detect(repo).builder, "dockerfile") << "a Dockerfile wins";

    for (std::string file : {"requirements.txt", "go.mod", "Cargo.toml", "Gemfile", "composer.json"}) {
        TempDir d;
        writeFile(d / file, "x");
        writeFile(d / "index.html", "<p>docs</p>");
        EXPECT_EQ(all.detect(d.path()).builder, "nixpacks") << file;
        EXPECT_EQ(errorOf([&] { none.detect(d.path()); }), BuildErrorKind::ToolMissing) << file;
    }
    TempDir site;
    writeFile(site / "index.html", "<h1>hi</h1>");
    EXPECT_EQ(none.detect(site.path()).builder, "static");
    TempDir dist;
    writeFile(dist / "dist" / "index.html", "<h1>hi</h1>");
    EXPECT_EQ(none.detect(dist.path()).builder, "static");
    TempDir empty;
    writeFile(empty / "README.md", "nothing here");
    EXPECT_EQ(errorOf([&] { all.detect(empty.path()); }, &message), BuildErrorKind::NothingToBuild);
    EXPECT_NE(message.find("nothing to build"), std::string::npos) << message;
}

TEST_F(BuildersTest, DockerfilePlanCarriesContextArgsAndTarget) {
    writeFile(repo / "services/api/Dockerfile.prod", "FROM scratch AS final\n");
    auto a = app();
    a.baseDirectory = "services";
    a.dockerfilePath = "api/Dockerfile.prod";
    a.target = "final";
    auto plan = registry({}).plan(repo, a, "dockerfile");
    EXPECT_EQ(plan.contextDir, std::filesystem::weakly_canonical(repo / "services"));
    EXPECT_EQ(plan.dockerfile, "api/Dockerfile.prod");
    EXPECT_EQ(plan.target, "final");
    EXPECT_EQ(plan.buildArgs.at("NODE_ENV"), "production");
    EXPECT_EQ(plan.labels.at("rivetr.managed"), "true");
    EXPECT_FALSE(plan.external);
}

TEST_F(BuildersTest, DockerfilePathsThatEscapeTheRepositoryAreRejected) {
    writeFile(repo / "Dockerfile", "FROM scratch\n");
    writeFile(tmp / "outside" / "Dockerfile", "FROM scratch\n");
    std::filesystem::create_directory_symlink(tmp / "outside", repo / "link");
    auto r = registry({});
    for (std::string bad : {"../outside/Dockerfile", "/etc/passwd", "sub/../../outside/Dockerfile", "link/Dockerfile"}) {
        auto a = app();
        a.dockerfilePath = bad;
        std::string message;
        EXPECT_EQ(errorOf([&] { r.plan(repo, a, "dockerfile"); }, &message), BuildErrorKind::InvalidInput) << bad;
        EXPECT_NE(message.find("dockerfile_path"), std::string::npos) << message;
    }
    auto a = app();
    a.baseDirectory = "../outside";
    EXPECT_EQ(errorOf([&] { r.plan(repo, a, "dockerfile"); }), BuildErrorKind::InvalidInput);
    a = app();
    a.baseDirectory = "sub";
    std::filesystem::create_directories(repo / "sub");
    a.dockerfilePath = "../Dockerfile";  // inside the repository, outside the build context
    EXPECT_EQ(errorOf([&] { r.plan(repo, a, "dockerfile"); }), BuildErrorKind::InvalidInput);
    a = app();
    a.dockerfilePath = "Missing.Dockerfile";
    EXPECT_EQ(errorOf([&] { r.plan(repo, a, "dockerfile"); }), BuildErrorKind::NothingToBuild);
    a = app();
    a.target = "bad target\nRUN x";
    EXPECT_EQ(errorOf([&] { r.plan(repo, a, "dockerfile"); }), BuildErrorKind::InvalidInput);
}

TEST_F(BuildersTest, AutoDetectionLooksInTheBaseDirectory) {
    writeFile(repo / "README.md", "monorepo");
    writeFile(repo / "web" / "index.html", "<h1>web</h1>");
    writeFile(repo / "api" / "Dockerfile", "FROM scratch\n");
    auto a = app();
    a.baseDirectory = "web";
    EXPECT_EQ(registry({}).plan(repo, a, "auto").builder, "static");
    a.baseDirectory = "api";
    auto plan = registry({}).plan(repo, a, "auto");
    EXPECT_EQ(plan.builder, "dockerfile");
    EXPECT_EQ(plan.dockerfile, "Dockerfile");
}

TEST_F(BuildersTest, StaticPlanGeneratesADockerfileForThePublishDirectory) {
    writeFile(repo / "public" / "index.html", "<h1>site</h1>");
    BuildersOptions o;
    o.staticSite.baseImage = "rivetr-test/busybox:1";
    BuilderRegistry r(o);
    auto a = app();
    a.port = 9000;
    auto plan = r.plan(repo, a, "auto");
    EXPECT_EQ(plan.builder, "static");
    EXPECT_NE(plan.generatedDockerfile.find("FROM rivetr-test/busybox:1\n"), std::string::npos) << plan.generatedDockerfile;
    EXPECT_NE(plan.generatedDockerfile.find("COPY [\"public/\",\"/site/\"]"), std::string::npos) << plan.generatedDockerfile;
    EXPECT_NE(plan.generatedDockerfile.find("CMD [\"httpd\",\"-f\",\"-p\",\"9000\",\"-h\",\"/site\"]"), std::string::npos)
        << plan.generatedDockerfile;
    writeGeneratedDockerfile(plan);
    EXPECT_EQ(readFile(plan.contextDir / plan.dockerfile), plan.generatedDockerfile);

    o.staticSite.baseImage = "busybox\nRUN rm -rf /";
    EXPECT_EQ(errorOf([&] { BuilderRegistry(o).plan(repo, a, "static"); }), BuildErrorKind::InvalidInput);
}

void expectSecretOnlyInFile(const BuildPlan& plan, const std::string& secret) {
    ASSERT_TRUE(plan.external);
    for (const auto& arg : plan.external->argv) EXPECT_EQ(arg.find(secret), std::string::npos) << arg;
    ASSERT_TRUE(plan.external->envFile);
    struct stat st {};
    ASSERT_EQ(::stat(plan.external->envFile->path().c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600u);
}

TEST_F(BuildersTest, NixpacksGetsEnvThroughA0600ConfigFile) {
    writeFile(repo / "package.json", "{}");
    std::filesystem::path envFile;
    {
        auto plan = registry({"nixpacks"}).plan(repo, app(), "auto");
        EXPECT_EQ(plan.builder, "nixpacks");
        expectSecretOnlyInFile(plan, "s3cr3t-value");
        envFile = plan.external->envFile->path();
        auto repoDir = std::filesystem::weakly_canonical(repo).string();
        EXPECT_EQ(plan.external->argv, (std::vector<std::string>{"/opt/fake/bin/nixpacks", "build", repoDir, "--name",
                                                                 "rivetr/app_1:dep_2", "--config", envFile.string(),
                                                                 "--label", "rivetr.managed=true"}));
        EXPECT_EQ(readFile(envFile), "[variables]\nAPI_TOKEN = \"s3cr3t-value\"\nNODE_ENV = \"production\"\n");
        EXPECT_EQ(envFile.parent_path(), secrets) << "never inside the build context";
    }
    EXPECT_FALSE(std::filesystem::exists(envFile)) << "removed once the plan is gone";
}

TEST_F(BuildersTest, PackGetsEnvThroughItsEnvFile) {
    writeFile(repo / "go.mod", "module x\n");
    auto plan = registry({"pack"}).plan(repo, app(), "auto");
    EXPECT_EQ(plan.builder, "buildpacks");
    expectSecretOnlyInFile(plan, "s3cr3t-value");
    const auto& argv = plan.external->argv;
    EXPECT_EQ(argv[0], "/opt/fake/bin/pack");
    EXPECT_EQ(argv[1], "build");
    EXPECT_EQ(argv[2], "rivetr/app_1:dep_2");
    auto envFlag = std::find(argv.begin(), argv.end(), "--env-file");
    ASSERT_NE(envFlag, argv.end());
    EXPECT_EQ(readFile(*(envFlag + 1)), "API_TOKEN=s3cr3t-value\nNODE_ENV=production\n");
    auto a = app();
    a.buildEnv["MULTI"] = "line1\nline2";
    EXPECT_EQ(errorOf([&] { registry({"pack"}).plan(repo, a, "buildpacks"); }), BuildErrorKind::InvalidInput);
}

TEST_F(BuildersTest, RailpackGetsValuesThroughItsEnvironmentNotArgv) {
    writeFile(repo / "Cargo.toml", "[package]\n");
    auto plan = registry({"railpack"}).plan(repo, app(), "railpack");
    expectSecretOnlyInFile(plan, "s3cr3t-value");
    EXPECT_EQ(plan.external->argv[0], "/opt/fake/bin/railpack");
    EXPECT_EQ(plan.external->env.at("API_TOKEN"), "s3cr3t-value");
    EXPECT_EQ(readFile(plan.external->envFile->path()), R"({"secrets":["API_TOKEN","NODE_ENV"]})");
}

TEST_F(BuildersTest, AbsentCliIsAClearErrorAtCreationAndAtDeploy) {
    writeFile(repo / "package.json", "{}");
    auto none = registry({});
    for (std::string type : {"nixpacks", "buildpacks", "railpack"}) {
        std::string message;
        EXPECT_EQ(errorOf([&] { none.checkAvailable(type); }, &message), BuildErrorKind::ToolMissing) << type;
        EXPECT_NE(message.find("not installed"), std::string::npos) << message;
        EXPECT_NE(message.find("install"), std::string::npos) << message;
        EXPECT_EQ(errorOf([&] { none.plan(repo, app(), type); }), BuildErrorKind::ToolMissing) << type;
    }
    EXPECT_NO_THROW(none.checkAvailable("auto"));
    EXPECT_NO_THROW(none.checkAvailable("dockerfile"));
    EXPECT_NO_THROW(none.checkAvailable("static"));
    EXPECT_EQ(errorOf([&] { none.checkAvailable("heroku"); }), BuildErrorKind::InvalidInput);
    EXPECT_TRUE(!std::filesystem::exists(secrets) || std::filesystem::is_empty(secrets)) << "no env file left";
}

TEST_F(BuildersTest, BadEnvNamesAndImageNamesAreRejected) {
    writeFile(repo / "package.json", "{}");
    auto a = app();
    a.buildEnv["--evil"] = "x";
    EXPECT_EQ(errorOf([&] { registry({"nixpacks"}).plan(repo, a, "nixpacks"); }), BuildErrorKind::InvalidInput);
    a = app();
    a.image = "--name=evil";
    EXPECT_EQ(errorOf([&] { registry({"nixpacks"}).plan(repo, a, "nixpacks"); }), BuildErrorKind::InvalidInput);
}

}  // namespace
}  // namespace rivetr::builders
