// The one list of rivetr's commands: each declared once with its arguments, options and handler.
#include "cli/command_registry.hpp"

#include <set>
#include <stdexcept>

#include "cli/backup_commands.hpp"
#include "cli/client_commands.hpp"
#include "cli/commands.hpp"

namespace rivetr::cli {
namespace {

OptionSpec flag(std::string name, std::string summary, std::string shortName = "") {
    return {std::move(name), std::move(shortName), ValueKind::None, "", std::move(summary), {}, false};
}

OptionSpec value(std::string name, ValueKind kind, std::string metavar, std::string summary) {
    return {std::move(name), "", kind, std::move(metavar), std::move(summary), {}, false};
}

OptionSpec configOption() { return value("config", ValueKind::Path, "PATH", "the configuration file (default ./rivetr.toml)"); }
OptionSpec jsonFlag() { return flag("json", "print machine-readable JSON"); }
OptionSpec waitFlag() { return flag("wait", "stream the build log and exit 1 if the deployment fails"); }

std::vector<CommandSpec> serverCommands() {
    OptionSpec output = value("output", ValueKind::Path, "FILE", "where to write the archive");
    output.shortName = "-o";
    output.required = true;
    return {
        {"serve", "", "run the API, proxy and deploy engine", Section::Server, {}, {configOption()}, runServe},
        {"config", "", "validate a configuration file (exit 0 valid, 1 problems)", Section::Server,
         {{"check", "", "validate a configuration file (exit 0 valid, 1 problems)", {}}}, {configOption()}, runConfig},
        {"backup", "", "snapshot the database (safe while serving), keys, certificates and config into one tar.gz",
         Section::Server, {}, {output, configOption(), jsonFlag()}, runBackup},
        {"restore", "FILE",
         "verify a backup and install it as the data dir (refuses a non-empty one unless --force, and always one "
         "a server is using)",
         Section::Server, {},
         {value("data-dir", ValueKind::Path, "DIR", "the data dir to restore into (default: the configured one)"),
          configOption(), flag("force", "replace a non-empty data dir that no server is using"), jsonFlag()},
         runRestore},
    };
}

CommandSpec appsCommand() {
    OptionSpec gitUrl = value("git-url", ValueKind::Text, "URL", "the repository to build from");
    OptionSpec port = value("port", ValueKind::Number, "N", "the port the app listens on");
    gitUrl.required = port.required = true;
    return {"apps", "", "list, show, create or delete apps", Section::Client,
            {{"list", "", "every app with its domains and live deployment", {}},
             {"show", "APP", "one app in detail", {}},
             {"create", "NAME", "register an app",
              {gitUrl, port, value("branch", ValueKind::Text, "B", "the branch to deploy (default main)"),
               value("domains", ValueKind::Text, "a.com,b.com", "the domains it answers on, comma-separated"),
               value("build-type", ValueKind::Text, "T", "how to build it"),
               value("dockerfile-path", ValueKind::Text, "P", "the Dockerfile, relative to the repository"),
               value("healthcheck-path", ValueKind::Text, "P", "the HTTP path that must answer before switching"),
               value("healthcheck-retries", ValueKind::Number, "N", "health checks tried before giving up"),
               value("healthcheck-interval-ms", ValueKind::Number, "N", "milliseconds between health checks")}},
             {"delete", "APP", "delete an app, its containers and its routes", {}}},
            {}, runApps};
}

CommandSpec envCommand() {
    return {"env", "", "list, set or unset environment variables", Section::Client,
            {{"list", "APP", "the variables of an app; secret values are shown masked", {}},
             {"set", "APP [KEY=VALUE...]", "add or replace variables, from arguments or a .env file",
              {value("file", ValueKind::Path, "PATH", "read KEY=VALUE lines from a .env file"),
               flag("secret", "store the values encrypted and never print them"),
               flag("build-time", "also pass the values to the build"),
               flag("redeploy", "then release them: the live image again with the new values (no rebuild); nothing "
                                "is stored if that cannot start"),
               waitFlag()}},
             {"unset", "APP KEY...", "remove variables", {}}},
            {}, runEnv};
}

CommandSpec hostsCommand() {
    auto file = [](const char* name, const char* summary) { return value(name, ValueKind::Path, "FILE", summary); };
    OptionSpec ca = file("tls-ca", "the CA that signed the engine's certificate"),
               cert = file("tls-cert", "the client certificate the engine trusts"), key = file("tls-key", "its private key"),
               sshKey = file("ssh-key", "the private key USER logs in with (no passphrase)");
    return {"hosts", "", "the container engines this server manages: the local one and remote Docker hosts", Section::Client,
            {{"list", "", "every host with its engine version and state (ok / unreachable since …)", {}},
             {"add", "NAME",
              "add a remote Docker host (admin): tcp with TLS client certificates, or ssh (its host key is pinned on "
              "first use)",
              {value("tcp", ValueKind::Text, "HOST:PORT", "a Docker engine listening with --tlsverify"), ca, cert, key,
               value("ssh", ValueKind::Text, "USER@HOST[:PORT]", "a machine where USER may run `docker system dial-stdio`"),
               sshKey}},
             {"show", "HOST", "one host: its address, engine, state and which credentials it has (never their text)", {}},
             {"update", "HOST", "rename or readdress a remote host, replace credentials (the others are kept) (admin)",
              {value("name", ValueKind::Text, "NAME", "its new name"),
               value("address", ValueKind::Text, "ADDRESS", "its new HOST:PORT or USER@HOST[:PORT] (re-pins an ssh host key)"),
               ca, cert, key, sshKey, flag("repin-host-key", "forget the pinned ssh host key and pin what the host shows now")}},
             {"remove", "HOST", "forget a remote host (its containers are not touched)", {}},
             {"test", "HOST", "connect now and say what the engine answered (exit 1 if it did not)", {}}},
            {}, runHosts};
}

CommandSpec policyCommand() {
    return {"policy", "", "the Docker create policy: the host directories non-admins may bind-mount", Section::Client,
            {{"show", "", "the allowed bind roots (from the config file or saved by an admin) and the safe capabilities", {}},
             {"set", "",
              "replace the allowed bind roots (admin; applies to the next create at once); --clear: back to the config "
              "file's",
              {value("bind-root", ValueKind::Path, "PATH", "an absolute directory non-admins may bind (repeat for more)"),
               flag("clear", "forget the saved list: [docker] allowed_bind_roots of the config file apply again")}}},
            {}, runPolicy};
}

CommandSpec imagesCommand() {
    return {"images", "", "the images on a host: list, pull, remove, prune, history, disk usage", Section::Client,
            {{"list", "", "every image: tags, size, age, the containers using it and its host (alias ls; --host '*': every host)", {}},
             {"pull", "IMAGE", "pull repo[:tag] (default :latest) from its registry, showing the progress", {}},
             {"rm", "IMAGE...", "remove images or tags; refused while a container uses one",
              {flag("force", "also an image a stopped container uses (a running container's never goes)")}},
             {"prune", "", "show which images would go (untagged ones; --unused: every image no container uses)",
              {flag("unused", "every image no container uses, tagged or not (never one Rivetr built for an app)"),
               flag("yes", "remove exactly the images shown"),
               value("label", ValueKind::Text, "KEY[=VALUE]", "only images carrying this label")}},
             {"history", "IMAGE", "an image's layers, newest first", {}},
             {"df", "", "the host's disk usage: images, containers, volumes and build cache, and what is reclaimable", {}}},
            {value("host", ValueKind::Text, "HOST", "the host whose engine to use (default: the local one; * lists every host's)")},
            runImages};
}

CommandSpec networksCommand() {
    OptionSpec label = value("label", ValueKind::Text, "K=V", "a label (repeat for more)");
    return {"networks", "", "the networks on a host: list, create, inspect, remove, connect, disconnect, prune", Section::Client,
            {{"ls", "", "every network: driver, subnet, how many containers and its host (--host '*': every host)", {}},
             {"create", "NAME", "create a bridge (or, for admins, macvlan) network",
              {value("driver", ValueKind::Text, "DRIVER", "bridge (default) or macvlan (needs --opt parent=IFACE)"),
               value("subnet", ValueKind::Text, "CIDR", "e.g. 10.20.0.0/24 (default: the engine picks one)"),
               value("gateway", ValueKind::Text, "IP", "inside the subnet"),
               value("ip-range", ValueKind::Text, "CIDR", "inside the subnet: where addresses are handed out from"),
               flag("internal", "no route out of the network"), flag("attachable", "containers may join it later"), label,
               value("opt", ValueKind::Text, "K=V", "a driver option (repeat for more)")}},
             {"inspect", "NETWORK", "its subnets and the containers attached, with their addresses", {}},
             {"rm", "NETWORK...", "remove networks; refused while containers are attached, and for the engine's own", {}},
             {"connect", "NETWORK CONTAINER", "attach a container",
              {value("alias", ValueKind::Text, "NAME", "a name of the container in the network (repeat for more)"),
               value("ip", ValueKind::Text, "IP", "a fixed IPv4 address inside the network's subnet")}},
             {"disconnect", "NETWORK CONTAINER", "detach a container (refused for an app's)",
              {flag("force", "also a stale endpoint of a container already gone")}},
             {"prune", "", "show the unused networks users made", {flag("yes", "remove exactly the networks shown")}}},
            {value("host", ValueKind::Text, "HOST", "the host whose engine to use (default: the local one; * lists every host's)")},
            runNetworks};
}

CommandSpec stacksCommand() {
    OptionSpec file = value("file", ValueKind::Path, "FILE", "the compose file (kept byte for byte)");
    OptionSpec envFile = value("env-file", ValueKind::Path, "FILE", "the stack's .env file");
    OptionSpec env = value("env", ValueKind::Text, "K=V", "a stored variable the file interpolates (repeat for more)");
    OptionSpec secret = value("secret", ValueKind::Text, "K=V", "a stored variable kept encrypted and never shown again");
    OptionSpec service = value("service", ValueKind::Text, "SERVICE", "only this service");
    OptionSpec volumes = flag("volumes", "also remove the stack's named volumes (kept otherwise, and listed)");
    return {"stacks", "", "compose stacks: create, validate, deploy, update, start, stop, take down", Section::Client,
            {{"ls", "", "every stack with its state and last deploy, compose projects started elsewhere included", {}},
             {"show", "STACK", "a stack's services, their containers and health", {}},
             {"cat", "STACK", "the stack's compose file exactly as stored", {}},
             {"validate", "", "check a compose file: every issue with its file, line and key; nothing is created",
              {file, envFile, env, secret, value("name", ValueKind::Text, "STACK", "the stack name to check it as")}},
             {"create", "STACK", "save a new stack (validated first); deploy applies it", {file, envFile, env, secret}},
             {"edit", "STACK", "replace a stack's compose file, .env or variables (validated first)", {file, envFile, env, secret}},
             {"deploy", "STACK", "deploy or update: only changed services are recreated (with -f: save the file first)",
              {file, envFile, env, secret, service}},
             {"pull", "STACK", "pull & redeploy: images pulled again first; a failed pull changes nothing", {file, envFile, env, secret, service}},
             {"start", "STACK", "start its containers in dependency order", {service}},
             {"stop", "STACK", "stop its containers, dependents first", {service}},
             {"restart", "STACK", "restart its containers", {service}},
             {"down", "STACK", "remove its containers and networks (the files stay)", {volumes}},
             {"rm", "STACK", "take it down and delete its files and records", {volumes}},
             {"revisions", "STACK", "its deploys, newest first, with the failing service of each failed one", {}}},
            {},
            runStacks};
}

CommandSpec templatesCommand() {
    return {"templates", "", "one-click stack templates (PostgreSQL, Redis, Gitea, Grafana ...): list and deploy", Section::Client,
            {{"ls", "", "every template shipped in the binary", {}},
             {"show", "TEMPLATE", "a template's inputs and the secrets generated for it", {}},
             {"deploy", "TEMPLATE", "deploy it as a new stack (secrets are generated and stored encrypted)",
              {value("name", ValueKind::Text, "STACK", "the stack's name (default: the template's id)"),
               value("input", ValueKind::Text, "K=V", "an input's value (repeat for more)")}}},
            {},
            runTemplates};
}

// The volume content's subcommands (browse, cat, backup, restore) join volume management's.
CommandSpec volumesCommand() {
    std::vector<SubcommandSpec> subcommands{
             {"ls", "", "every volume: driver, size (unknown where the engine did not measure it), the containers using it, "
                        "its app and host (alias list; --host '*': every host)", {}},
             {"create", "NAME", "create a volume (driver options that bind a host path follow the bind-mount policy)",
              {value("driver", ValueKind::Text, "DRIVER", "the volume driver (default local)"),
               value("label", ValueKind::Text, "KEY=VALUE", "a label (repeatable)"),
               value("opt", ValueKind::Text, "KEY=VALUE", "a driver option, e.g. type=tmpfs (repeatable)")}},
             {"inspect", "NAME", "the volume, the containers using it and the engine's inspect document", {}},
             {"rm", "NAME...", "remove volumes; refused while a container uses one (naming it) or for an app's", {}},
             {"prune", "", "show which unused volumes would go (never an app's)",
              {flag("yes", "remove exactly the volumes shown")}}};
    for (auto& content : volumeContentSubcommands()) subcommands.push_back(std::move(content));
    return {"volumes", "", "the volumes on a host: list, create, inspect, remove, prune; browse, read, back up and restore "
            "their content", Section::Client, std::move(subcommands),
            {value("host", ValueKind::Text, "HOST", "the host whose engine to use (default: the local one; * lists every host's)")},
            runVolumes};
}

CommandSpec tokensCommand() {
    OptionSpec role = value("role", ValueKind::Choice, "ROLE", "what the token may do (default developer)");
    role.choices = {"admin", "developer", "viewer"};
    return {"tokens", "", "create, list or revoke API tokens", Section::Client,
            {{"create", "NAME", "create a token; its secret is printed once",
              {role, value("expires-in-days", ValueKind::Number, "N", "days until it stops working")}},
             {"list", "", "every token, without secrets", {}},
             {"revoke", "ID", "stop a token from working", {}}},
            {}, runTokens};
}

// docker run's flags, as POST /api/containers takes them (cli/container_create_flags.cpp reads them).
std::vector<OptionSpec> createOptions() {
    OptionSpec publish = value("publish", ValueKind::Text, "[IP:]HOST:CONTAINER[/PROTO]", "publish a port (repeatable)");
    publish.shortName = "-p";
    return {value("name", ValueKind::Text, "NAME", "the container's name"),
            value("env", ValueKind::Text, "K=V", "an environment variable (repeatable)"), publish,
            value("mount", ValueKind::Text, "type=volume|bind|tmpfs,source=S,target=T[,readonly]", "a mount (repeatable)"),
            value("network", ValueKind::Text, "NET", "the network (bridge, host, none or a network's name)"),
            value("restart", ValueKind::Text, "POLICY", "no | always | unless-stopped | on-failure[:N]"),
            value("memory", ValueKind::Text, "SIZE", "the memory limit, e.g. 256m"),
            value("cpus", ValueKind::Text, "N", "the CPUs it may use, e.g. 0.5"),
            value("label", ValueKind::Text, "K=V", "a label (repeatable)"), value("user", ValueKind::Text, "USER", "the user it runs as"),
            value("entrypoint", ValueKind::Text, "PATH", "the program run instead of the image's entrypoint"),
            flag("no-start", "create it without starting it")};
}

CommandSpec containersCommand(const OptionSpec& follow, const OptionSpec& lines) {
    OptionSpec host = value("host", ValueKind::Text, "HOST", "the engine's host (default: the local engine)");
    OptionSpec grace = value("grace", ValueKind::Number, "SECONDS", "how long a stop waits before SIGKILL (default 10)");
    return {"containers", "", "every container of a host, apps' and others': list, inspect, act, remove, logs",
            Section::Client,
            {{"list", "", "the containers, newest first (an app's shows the app)",
              {flag("running", "only running ones"), value("state", ValueKind::Text, "STATE", "created, running, paused, exited ..."),
               value("search", ValueKind::Text, "TEXT", "in names, ids, images, status and labels"),
               value("image", ValueKind::Text, "IMAGE", "made from this image"), value("label", ValueKind::Text, "K[=V]", "carrying this label"),
               value("app", ValueKind::Text, "APP", "an app's containers (* for every app's)")}},
             {"inspect", "CONTAINER", "the engine's whole inspect document, as JSON", {}},
             {"create", "IMAGE [-- COMMAND...]", "create and start a container (prints its id); the server's create policy judges it",
              createOptions()},
             {"events", "", "the engine's events as they happen (die with its exit code, oom, health_status ...) until Ctrl-C", {}},
             {"start", "CONTAINER...", "start (an app's container: the app's start)", {}},
             {"stop", "CONTAINER...", "stop (an app's container: the app's stop)", {grace}},
             {"restart", "CONTAINER...", "restart (an app's container: the app's restart)", {grace}},
             {"pause", "CONTAINER...", "freeze its processes (refused for an app's container)", {}},
             {"unpause", "CONTAINER...", "let a paused container's processes run again", {}},
             {"kill", "CONTAINER...", "send a signal (refused for an app's container)",
              {value("signal", ValueKind::Text, "SIGNAL", "the signal to send (default SIGKILL)")}},
             {"rename", "CONTAINER NAME", "give it a new name (refused for an app's container)", {}},
             {"clone", "CONTAINER NAME", "a copy of its config under a new name, judged by the create policy",
              {flag("start", "start the copy once created")}},
             {"stats", "CONTAINER", "CPU, memory (without the file cache), network and block I/O, pids", {}},
             {"top", "CONTAINER", "the processes running in it", {}},
             {"rm", "CONTAINER...", "remove (refused for an app's container); several: one line each, exit 1 if any failed",
              {flag("force", "kill it first if it runs"), flag("volumes", "also remove its anonymous volumes")}},
             {"logs", "CONTAINER", "its output; -f follows until Ctrl-C", {follow, lines}}},
            {host}, runContainers};
}

std::vector<CommandSpec> clientCommands() {
    OptionSpec follow = flag("follow", "keep printing new output until Ctrl-C", "-f");
    OptionSpec lines = value("lines", ValueKind::Number, "N", "how many earlier lines to print first");
    lines.shortName = "-n";
    return {
        {"status", "", "server health and how many apps are live", Section::Client, {}, {}, runStatus},
        appsCommand(),
        envCommand(),
        {"domains", "", "add or remove an app domain", Section::Client,
         {{"add", "APP DOMAIN", "the app also answers on DOMAIN", {}},
          {"remove", "APP DOMAIN", "the app no longer answers on DOMAIN", {}}},
         {}, runDomains},
        {"deploy", "APP", "deploy an app", Section::Client, {},
         {value("commit", ValueKind::Text, "SHA", "the commit to deploy (default the branch head)"), waitFlag()}, runDeploy},
        {"redeploy", "APP",
         "release the live image again with the app's current environment (after `env set`; a restart does not "
         "apply changed variables), no rebuild",
         Section::Client, {}, {waitFlag()}, runRedeploy},
        {"deployments", "APP", "list the deployments of an app", Section::Client, {}, {}, runDeployments},
        {"logs", "APP", "the live container's output; -f follows until Ctrl-C", Section::Client, {}, {follow, lines},
         runLogs},
        {"rollback", "APP [DEPLOYMENT]", "roll back; default: the previous deployment that went live and whose image is kept", Section::Client,
         {}, {waitFlag()}, runRollback},
        {"cancel", "DEPLOYMENT", "cancel a deployment in progress", Section::Client, {}, {}, runCancel},
        {"webhooks", "", "an app's webhook deliveries, and a test delivery", Section::Client,
         {{"deliveries", "APP", "the last deliveries: what each did (deployed, ignored and why, rejected)", {}},
          {"test", "APP", "send a signed ping to the public webhook URL and say what came back (exit 1 if it failed)", {}}},
         {}, runWebhooks},
        imagesCommand(),
        volumesCommand(),
        containersCommand(follow, lines),
        networksCommand(),
        stacksCommand(),
        templatesCommand(),
        tokensCommand(),
        hostsCommand(),
        policyCommand(),
        {"password", "",
         "change your own password (the user who owns --token); asks for it without echo, or reads the current and "
         "the new password as two lines from standard input",
         Section::Client, {}, {}, runPassword},
    };
}

std::vector<CommandSpec> buildRegistry() {
    auto all = serverCommands();
    for (auto& c : clientCommands()) all.push_back(std::move(c));
    all.push_back({"completion", "", "print a shell completion script", Section::Shell,
                   {{"bash", "", "source <(rivetr completion bash)", {}}, {"zsh", "", "source <(rivetr completion zsh)", {}}},
                   {}, runCompletion});
    return all;
}

}  // namespace

const std::vector<CommandSpec>& commandRegistry() {
    static const std::vector<CommandSpec> registry = buildRegistry();
    return registry;
}

const CommandSpec* findCommand(const std::string& name) {
    for (const auto& c : commandRegistry()) {
        if (c.name == name) return &c;
    }
    return nullptr;
}

const std::vector<OptionSpec>& commonClientOptions() {
    static const std::vector<OptionSpec> common{
        value("url", ValueKind::Text, "URL", "the server (default $RIVETR_URL, else http://127.0.0.1:8080)"),
        value("token", ValueKind::Text, "TOKEN", "the API token (default $RIVETR_TOKEN)"), jsonFlag()};
    return common;
}

std::vector<OptionSpec> allOptions(const CommandSpec& command) {
    std::vector<OptionSpec> out;
    std::set<std::string> seen;
    auto add = [&](const std::vector<OptionSpec>& options) {
        for (const auto& o : options) {
            if (seen.insert(o.name).second) out.push_back(o);
        }
    };
    add(command.options);
    for (const auto& sub : command.subcommands) add(sub.options);
    if (command.client()) add(commonClientOptions());
    return out;
}

ArgSpec commandArgSpec(const std::string& name) {
    const auto* command = findCommand(name);
    if (!command) throw std::logic_error("no registered command \"" + name + "\"");
    ArgSpec spec;
    for (const auto& o : allOptions(*command)) (o.takesValue() ? spec.valueOptions : spec.flags).insert(o.name);
    return spec;
}

}  // namespace rivetr::cli
