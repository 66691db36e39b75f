// The bodies of the control API as OpenAPI schemas (components/schemas): what each route takes and
// answers, field by field. The dashboard's TypeScript types are generated from these
// (frontend/src/shared/api/schema.gen.ts), and OpenApi.ResponsesMatchTheirSchemas checks real
// answers against them, so a renamed field breaks a test on both sides.
#include "api/http/openapi.hpp"

#include <initializer_list>
#include <utility>

#include "store/deployment_status.hpp"

namespace rivetr::api {
namespace {

using nlohmann::json;

json ref(const std::string& schema) { return {{"$ref", "#/components/schemas/" + schema}}; }
json str() { return {{"type", "string"}}; }
json integer() { return {{"type", "integer"}}; }
json number() { return {{"type", "number"}}; }
json boolean() { return {{"type", "boolean"}}; }
json dateTime() { return {{"type", "string"}, {"format", "date-time"}}; }
json arrayOf(json items) { return {{"type", "array"}, {"items", std::move(items)}}; }
json described(json s, const std::string& text) { s["description"] = text; return s; }
json oneOfStrings(std::initializer_list<const char*> values) { return {{"type", "string"}, {"enum", values}}; }

json nullable(json s) {
    if (s.contains("$ref")) return {{"allOf", json::array({s})}, {"nullable", true}};
    s["nullable"] = true;
    return s;
}

using Props = std::vector<std::pair<std::string, json>>;

// An object whose listed fields are all present in every answer (`required` = all of them).
json answer(const Props& props) {
    json p = json::object(), req = json::array();
    for (const auto& [name, s] : props) { p[name] = s; req.push_back(name); }
    return {{"type", "object"}, {"properties", p}, {"required", req}, {"additionalProperties", false}};
}

// An object a client sends: only `required` must be there.
json input(const Props& props, std::initializer_list<const char*> required = {}) {
    json p = json::object();
    for (const auto& [name, s] : props) p[name] = s;
    json o{{"type", "object"}, {"properties", p}};
    if (required.size()) o["required"] = required;
    return o;
}

// The same object, some fields present only sometimes (e.g. for some roles).
json answerWithOptional(const Props& always, const Props& sometimes) {
    json o = answer(always);
    for (const auto& [name, s] : sometimes) o["properties"][name] = s;
    return o;
}

const Props& healthcheckProps() {
    static const Props p{{"type", oneOfStrings({"http", "tcp"})}, {"path", str()},        {"interval_ms", integer()},
                         {"timeout_ms", integer()},               {"retries", integer()}, {"start_period_ms", integer()}};
    return p;
}

const Props& deadlineProps() {
    static const Props p{{"clone_ms", nullable(integer())}, {"build_ms", nullable(integer())},
                         {"start_ms", nullable(integer())}, {"health_ms", nullable(integer())}};
    return p;
}

const Props& resourceProps() {
    static const Props p{{"memory_limit_bytes", nullable(integer())}, {"cpu_limit_millis", nullable(integer())}};
    return p;
}

void appSchemas(json& s) {
    s["Healthcheck"] = answer(healthcheckProps());
    s["Resources"] = answer(resourceProps());
    s["Deadlines"] = described(answer(deadlineProps()), "per-app stage deadlines in ms (1000-86400000); null = the default");
    s["GitCredentials"] = described(input({{"username", str()}, {"password", str()}}, {"username"}),
                                    "HTTPS user name and password/token, stored encrypted and never shown; null removes "
                                    "them. Dropped when git_url moves to another server without new ones");
    s["AppInput"] = input(
        {{"name", {{"type", "string"}, {"pattern", "^[a-z0-9][a-z0-9-]{0,62}$"}}},
         {"git_url", described(str(), "https://, http://, ssh:// or user@host:path (file:// only with [git] "
                                      "allow_local_repositories); RFC 3986 characters, no host or user starting with "
                                      "'-'. Credentials in it (https://user:token@host/...) are split off into "
                                      "git_credentials; answers show the URL without them")},
         {"git_credentials", [] { json c = nullable(ref("GitCredentials")); c["writeOnly"] = true; return c; }()},
         {"branch", str()},
         {"port", {{"type", "integer"}, {"minimum", 1}, {"maximum", 65535}}},
         {"domains", described(arrayOf(str()), "none on creation: <name>.<base_domain> when [server] base_domain is set")},
         {"build_type", str()},
         {"dockerfile_path", str()},
         {"base_dir", str()},
         {"build_target", str()},
         {"healthcheck", input(healthcheckProps())},
         {"resources", input(resourceProps())},
         {"deadlines", input(deadlineProps())},
         {"auto_deploy", described(boolean(), "a verified push to the branch deploys it (default true); false: webhook "
                                              "deliveries are recorded as ignored and only a user's deploy ships")}},
        {"name", "git_url", "port"});
    s["App"] = answerWithOptional(
        {{"id", str()},
         {"name", str()},
         {"git_url", described(str(), "never with credentials")},
         {"has_git_credentials", boolean()},
         {"branch", str()},
         {"port", integer()},
         {"domains", arrayOf(str())},
         {"generated_domain",
          described(nullable(str()), "the one of `domains` given from [server] base_domain because the app was created "
                                     "without any; null when none is")},
         {"build_type", str()},
         {"dockerfile_path", str()},
         {"base_dir", str()},
         {"build_target", str()},
         {"healthcheck", ref("Healthcheck")},
         {"resources", ref("Resources")},
         {"deadlines", ref("Deadlines")},
         {"auto_deploy", described(boolean(), "a verified push to the branch deploys it")},
         {"stopped", described(boolean(), "stopped by a user: the domains answer 503 until start or a deploy")},
         {"live_deployment_id", nullable(str())},
         {"live", ref("AppLive")},
         {"created_at", dateTime()},
         {"updated_at", dateTime()}},
        {{"webhook_secret", described(str(), "developers and admins only")},
         {"env_pending",
          described(boolean(), "GET /api/apps/{id} only: the env vars differ from those the live deployment started "
                               "with. A restart does not apply them; a redeploy does")}});
    s["AppLive"] = described(
        answer({{"state", oneOfStrings({"none", "running", "crashed", "restarting", "stopped"})},
                {"reason", str()},
                {"exit_code", nullable(integer())},
                {"last_output", described(str(), "the container's last log lines when it died")},
                {"restarts", described(integer(), "automatic restarts since it last ran steadily")},
                {"since", described(nullable(integer()), "ms since the epoch")}}),
        "What the app's live container is doing, as the engine last saw it. A crashed container is restarted "
        "with exponential back-off; its domains answer 503 until it is healthy again.");
    s["AppList"] = arrayOf(ref("App"));
    s["DetectInput"] = input({{"git_url", str()}, {"git_credentials", nullable(ref("GitCredentials"))}, {"branch", str()},
                          {"base_dir", str()}},
                             {"git_url"});
    s["DetectResult"] = answer({{"build_type", nullable(str())}, {"reason", str()}, {"port", nullable(integer())},
                                {"commit", str()}});
}

// What belongs to an app besides its settings: certificates and env vars.
void appPartSchemas(json& s) {
    s["Certificate"] = answer({{"domain", str()},
                               {"state", oneOfStrings({"valid", "renewing", "expired", "pending", "failed", "wildcard", "none"})},
                               {"not_after", nullable(dateTime())},
                               {"error", nullable(str())},
                               {"retry_at", nullable(dateTime())}});
    s["Certificates"] = answer({{"tls", boolean()}, {"acme", boolean()}, {"certificates", arrayOf(ref("Certificate"))}});
    s["EnvVar"] = answer({{"key", str()},
                          {"value", described(str(), "masked for secrets")},
                          {"secret", boolean()},
                          {"build_time", boolean()},
                          {"updated_at", dateTime()}});
    s["EnvList"] = arrayOf(ref("EnvVar"));
    s["EnvVarInput"] = input({{"key", str()},
                          {"value", described(str(), "a secret's mask keeps its stored value")},
                          {"secret", boolean()},
                          {"build_time", boolean()},
                          {"updated_at", str()}},
                             {"key"});
    s["EnvInput"] = input({{"vars", arrayOf(ref("EnvVarInput"))}}, {"vars"});
    s["EnvRedeployAccepted"] = answer({{"vars", ref("EnvList")}, {"deployment_id", str()}, {"status", str()}});
}

void deploymentSchemas(json& s) {
    json statuses = json::array();
    for (auto status : store::allDeploymentStatuses()) statuses.push_back(store::statusName(status));
    s["DeploymentStatus"] = {{"type", "string"}, {"enum", statuses}};
    Props deployment = {{"id", str()},
                          {"app_id", str()},
                          {"status", ref("DeploymentStatus")},
                          {"trigger", str()},
                          {"requested_commit", nullable(str())},
                          {"commit_sha", nullable(str())},
                          {"commit_message", nullable(str())},
                          {"commit_author", nullable(str())},
                          {"image", nullable(str())},
                          {"rollback_of", nullable(str())},
                          {"error", nullable(str())},
                          {"created_at", dateTime()},
                          {"started_at", nullable(dateTime())},
                          {"finished_at", nullable(dateTime())}};
    // Present in every REST answer; the streams' events leave it out (it asks the container engine).
    const Props rollback = {{"rollback_available",
                             described(boolean(), "\"roll back to this\" would run: the deployment passed its health "
                                                  "check and its image is still on the container engine")}};
    s["Deployment"] = answerWithOptional(deployment, rollback);
    deployment.emplace_back("live", described(boolean(), "this deployment serves the app now"));
    s["AppDeployment"] = answerWithOptional(deployment, rollback);
    s["AppDeploymentList"] = arrayOf(ref("AppDeployment"));
    s["DeploymentList"] = arrayOf(ref("Deployment"));
    s["DeploymentPage"] = answer({{"deployments", ref("DeploymentList")}});
    s["DeploymentAccepted"] = answerWithOptional({{"deployment_id", str()}}, {{"status", str()}});
    s["DeployRequest"] = input({{"commit", str()}});
    s["LogLine"] = answerWithOptional({{"ts", dateTime()}, {"stream", str()}, {"line", str()}}, {{"id", integer()}});
    s["DeploymentLogs"] = answer({{"deployment_id", str()}, {"status", ref("DeploymentStatus")}, {"lines", arrayOf(ref("LogLine"))}});
    // A container's log lines (an app's or any container's): ts in ms since the epoch, as the engine stamped it.
    s["ContainerLogLine"] = answer({{"ts", described(integer(), "ms since the epoch, from the engine's timestamp")},
                                    {"stream", oneOfStrings({"stdout", "stderr"})},
                                    {"line", str()}});
    s["ContainerLogs"] = answer({{"lines", arrayOf(ref("ContainerLogLine"))}});
    s["ContainerStats"] = answer({{"cpu_percent", number()}, {"memory_bytes", integer()}, {"memory_limit_bytes", integer()},
                                  {"net_rx_bytes", integer()}, {"net_tx_bytes", integer()}});
    s["ActionResult"] = answer({{"action_id", str()}, {"status", str()}});
    // The data of the /api/events feed: `deployment` events carry a Deployment, `action` events this.
    s["ActionEvent"] = answerWithOptional({{"id", str()},
                                           {"app_id", str()},
                                           {"action", oneOfStrings({"start", "stop", "restart", "recover", "crash"})},
                                           {"status", oneOfStrings({"pending", "in_progress", "done", "failed", "crashed"})}},
                                          {{"error", str()}});
}

void webhookSchemas(json& s) {
    s["WebhookDelivery"] = answer(
        {{"id", integer()},
         {"provider", oneOfStrings({"github", "gitlab", "gitea", "bitbucket"})},
         {"event", described(str(), "the provider's event name: push, ping, Push Hook, repo:push, ...")},
         {"delivery_id", described(str(), "the provider's delivery id; \"\" when it sent none")},
         {"ref", nullable(str())},
         {"commit_sha", described(nullable(str()), "the pushed head commit")},
         {"result", described(oneOfStrings({"deployed", "ignored", "pong", "rejected", "failed"}),
                              "deployed: deployment_id was queued; ignored: reason says why (another branch, not a "
                              "push, a skip marker, a duplicate delivery); pong: a ping whose secret verified; "
                              "rejected: a bad or missing signature (401) or a malformed payload (400); failed: "
                              "Rivetr could not queue the deployment")},
         {"reason", str()},
         {"deployment_id", nullable(str())},
         {"http_status", described(integer(), "what Rivetr answered the provider")},
         {"received_at", dateTime()}});
    s["WebhookDeliveryList"] = answer({{"deliveries", arrayOf(ref("WebhookDelivery"))}});
    s["WebhookTestResult"] = answer(
        {{"delivery_id", str()},
         {"url", described(str(), "where the ping was sent: [server] public_url's webhook URL, or the API's own address "
                                  "when public_url is unset")},
         {"ok", described(boolean(), "Rivetr answered 200 pong: the URL reaches it and the app's secret verifies")},
         {"status", described(nullable(integer()), "the HTTP status answered; null when nothing answered")},
         {"duration_ms", integer()},
         {"response", described(str(), "the start of the answer's body")},
         {"error", described(nullable(str()), "the transport failure (could not connect, timeout, ...)")},
         {"explanation", str()},
         {"warning", described(nullable(str()), "what the test cannot prove: public_url unset or a loopback address")}});
}

void systemSchemas(json& s) {
    s["SystemInfo"] = answer(
        {{"version", str()},
         {"runtime", answer({{"kind", nullable(str())}, {"version", nullable(str())}, {"ok", boolean()}})},
         {"host", answer({{"cpus", integer()},
                          {"cpu_percent", number()},
                          {"load_avg", arrayOf(number())},
                          {"memory_total_bytes", integer()},
                          {"memory_used_bytes", integer()},
                          {"disk_total_bytes", integer()},
                          {"disk_free_bytes", integer()}})},
         {"apps", integer()},
         {"deployments_active", integer()},
         {"proxy", described(answer({{"http_port", integer()}, {"https_port", integer()},
                                     {"tls", described(boolean(), "the proxy serves HTTPS for domains with a certificate")}}),
                             "where app domains are served: an app's URL carries the port when it is not 80/443")},
         {"public_url", described(nullable(str()), "[server] public_url without a trailing /: webhook URLs are built "
                                                   "on it; null: unset (the dashboard uses its own address)")},
         {"public_url_warning",
          described(nullable(str()), "why git providers may not reach the webhook URLs (unset, or a loopback address)")}});
}

void accountSchemas(json& s) {
    s["Role"] = oneOfStrings({"admin", "developer", "viewer"});
    s["User"] = answer({{"id", str()},
                        {"username", str()},
                        {"role", ref("Role")},
                        {"disabled", boolean()},
                        {"totp_enabled", boolean()},
                        {"created_at", dateTime()},
                        {"updated_at", dateTime()}});
    s["UserList"] = arrayOf(ref("User"));
    s["UserInput"] = input({{"username", str()}, {"password", str()}, {"role", ref("Role")}}, {"username", "password"});
    s["UserChange"] = input({{"role", ref("Role")},
                             {"password", str()},
                             {"disabled", boolean()},
                             {"totp_enabled", described(boolean(), "false resets a lost second factor")},
                             {"transfer_tokens_to", str()}});
    s["Me"] = answerWithOptional({{"actor_type", str()}, {"name", str()}, {"role", ref("Role")}},
                                 {{"user", ref("User")}, {"csrf_token", str()}});
    s["LoginInput"] = input({{"username", str()},
                             {"password", str()},
                             {"totp", described(str(), "the 6-digit code, or a recovery code (xxxx-xxxx-xxxx-xxxx)")}},
                            {"username", "password"});
    s["LoginResult"] = answerWithOptional(
        {{"user", ref("User")}, {"csrf_token", str()}},
        {{"recovery_codes_remaining",
          described(integer(), "when a recovery code signed in: how many unused codes the user has left")}});
    s["TotpSetup"] = answer({{"secret", str()}, {"otpauth_uri", str()}});
    s["TotpCode"] = input({{"code", str()}}, {"code"});
    s["TotpState"] = answerWithOptional(
        {{"totp_enabled", boolean()}},
        {{"recovery_codes", described(arrayOf(str()), "when TOTP was just turned on: shown once, never again")}});
    s["RecoveryCodeState"] = answer({{"totp_enabled", boolean()}, {"remaining", integer()}});
    s["RecoveryCodeProof"] = input({{"code", described(str(), "a current 6-digit TOTP code")},
                                    {"password", described(str(), "or the caller's password")}});
    s["RecoveryCodes"] = answer({{"recovery_codes", arrayOf(str())}, {"remaining", integer()}});
    s["PasswordChange"] = input({{"current_password", str()}, {"new_password", str()}}, {"current_password", "new_password"});
    s["PasswordChanged"] = answerWithOptional(
        {{"user", ref("User")},
         {"session_reissued", described(boolean(), "the caller's browser session was replaced by a fresh one")}},
        {{"csrf_token", described(str(), "the fresh session's CSRF token")}});
    s["TokenInput"] = input({{"name", str()}, {"role", ref("Role")}, {"expires_in_days", integer()}}, {"name"});
    s["TokenOwner"] = described(answer({{"type", oneOfStrings({"user", "admin_token"})}, {"user_id", nullable(str())}, {"name", str()}}),
                                "who minted it: a user (the token is revoked when that user is disabled or deleted) or "
                                "the instance admin token");
    s["Token"] = answerWithOptional(
        {{"id", str()},
         {"name", str()},
         {"prefix", str()},
         {"role", described(ref("Role"), "it never acts above its owning user's current role")},
         {"owner", described(nullable(ref("TokenOwner")), "null for tokens minted before owners were recorded")},
         {"created_at", dateTime()},
         {"expires_at", nullable(dateTime())},
         {"last_used_at", nullable(dateTime())},
         {"revoked_at", nullable(dateTime())}},
        {{"token", described(str(), "only in the answer to its creation")}});
    s["TokenList"] = arrayOf(ref("Token"));
    s["AuditEntry"] = answer({{"id", integer()},
                          {"ts", dateTime()},
                          {"actor_type", str()},
                          {"actor", str()},
                          {"action", str()},
                          {"target_type", str()},
                          {"target_id", str()},
                          {"details", {{"type", "object"}, {"additionalProperties", true}}},
                          {"request_id", str()},
                          {"ip", str()}});
    s["AuditList"] = arrayOf(ref("AuditEntry"));
}

void routeSchemas(json& s) {
    s["ExternalRouteInput"] = input({{"domain", described(str(), "any host name but server.dashboard_domain (409)")},
                                     {"upstream", {{"type", "string"}, {"example", "10.0.0.5:3000"}}},
                                     {"tls", boolean()}},
                                    {"domain", "upstream"});
    s["ExternalRoute"] = answer({{"domain", str()}, {"upstream", str()}, {"tls", boolean()}, {"created_at", dateTime()},
                                 {"updated_at", dateTime()}});
    s["ExternalRouteList"] = arrayOf(ref("ExternalRoute"));
}

void hostSchemas(json& s) {
    const auto pem = [](const char* what) { return described(str(), std::string(what) + " (PEM text); write-only, stored encrypted"); };
    s["Host"] = answer(
        {{"id", described(str(), "\"local\" for the engine Rivetr runs on")},
         {"name", str()},
         {"kind", oneOfStrings({"local", "tcp", "ssh"})},
         {"address", described(str(), "tcp: host:port; ssh: user@host[:port]; \"\" for the local engine")},
         {"ok", described(boolean(), "the last attempt reached the engine")},
         {"since", described(dateTime(), "when ok last changed (unreachable since …)")},
         {"error", described(str(), "why it is unreachable; empty when ok")},
         {"engine_version", str()},
         {"ssh_host_key", described(str(), "the pinned public host key; empty until pinned")},
         {"ssh_host_key_fingerprint", described(str(), "SHA256:… as ssh-keygen -l prints it")},
         {"has_tls_ca", boolean()},
         {"has_tls_cert", boolean()},
         {"has_tls_key", boolean()},
         {"has_ssh_key", boolean()},
         {"created_at", nullable(dateTime())},
         {"created_by", str()}});
    s["HostList"] = arrayOf(ref("Host"));
    s["UnreachableHost"] = described(answer({{"host", str()}, {"error", str()}}), "a host an aggregate list (?host=*) could not ask, and why");
    s["HostInput"] = input({{"name", described(str(), "1-63 lower-case letters, digits or '-'")},
                            {"kind", oneOfStrings({"tcp", "ssh"})},
                            {"address", {{"type", "string"}, {"example", "10.0.0.5:2376"}}},
                            {"tls_ca", pem("tcp: the CA of the engine's certificate")},
                            {"tls_cert", pem("tcp: the client certificate")},
                            {"tls_key", pem("tcp: the client key")},
                            {"ssh_key", pem("ssh: the private key, without a passphrase")}},
                           {"name", "kind", "address"});
    s["HostUpdate"] = input({{"name", str()},
                             {"address", str()},
                             {"tls_ca", pem("tcp")},
                             {"tls_cert", pem("tcp")},
                             {"tls_key", pem("tcp")},
                             {"ssh_key", pem("ssh")},
                             {"repin_host_key", described(boolean(), "forget the pinned SSH host key and pin what the host shows now")}});
    s["HostTestResult"] = answer({{"ok", boolean()},
                                  {"engine_version", str()},
                                  {"error", str()},
                                  {"ssh_host_key_fingerprint", str()},
                                  {"host_key_pinned_now", boolean()}});
}

void imageSchemas(json& s) {
    json labels = described({{"type", "object"}, {"additionalProperties", true}}, "label name -> value");
    s["ImageContainer"] = answer({{"id", str()}, {"name", str()}, {"state", str()}});
    s["Image"] = answer(
        {{"id", str()},
         {"host", described(str(), "the id of the host it is on")},
         {"short_id", described(str(), "the id's first 12 hex digits, as `docker images` shows it")},
         {"tags", arrayOf(str())},
         {"digests", described(arrayOf(str()), "repo@sha256:... for an image pulled from or pushed to a registry")},
         {"size_bytes", integer()},
         {"created_at", dateTime()},
         {"dangling", described(boolean(), "no tag at all")},
         {"in_use", boolean()},
         {"used_by", described(arrayOf(ref("ImageContainer")), "every container running or holding this image, stopped ones too")},
         {"managed", described(boolean(), "built by Rivetr for an app's deployment: prunes leave it (its rollback needs it)")},
         {"app_id", nullable(str())},
         {"labels", labels}});
    s["ImageList"] = answer({{"host", described(str(), "the host asked: its id, or * for every host")},
                             {"images", arrayOf(ref("Image"))},
                             {"unreachable", described(arrayOf(ref("UnreachableHost")), "hosts that did not answer an aggregate list (?host=*)")}});
    s["ImagePullInput"] = input({{"image", described(str(), "repo[:tag] or repo@sha256:...; no tag pulls :latest")}}, {"image"});
    s["ImagePullProgress"] = described(answer({{"id", str()}, {"status", str()}, {"current", integer()}, {"total", integer()}}),
                                       "the data of a pull stream's `progress` event: one line of the engine's progress "
                                       "(id: the layer; current/total: bytes, 0 when the engine gave none)");
    s["ImagePullResult"] = described(answer({{"reference", str()}, {"image_id", str()}, {"digest", str()}, {"status", str()}}),
                                     "the data of a pull stream's `done` event");
    s["ImageRemoval"] = answer({{"untagged", arrayOf(str())}, {"deleted", arrayOf(str())}});
    auto mode = described(oneOfStrings({"dangling", "unused"}), "dangling: untagged images; unused: every image no container uses");
    s["ImagePruneInput"] = input({{"mode", mode},
                                  {"dry_run", described(boolean(), "default true: only show what would go")},
                                  {"image_ids", described(arrayOf(str()), "only these (what the user confirmed from the dry run)")},
                                  {"labels", described(labels, "only images carrying all of these (\"\": any value)")}});
    s["ImagePruneOutcome"] = answer({{"id", str()}, {"removed", boolean()}, {"untagged", arrayOf(str())},
                                     {"deleted", arrayOf(str())}, {"error", described(nullable(str()), "the engine's reason for a refusal")}});
    s["ImagePrune"] = answer(
        {{"mode", mode},
         {"dry_run", boolean()},
         {"images", described(arrayOf(answer({{"id", str()}, {"tags", arrayOf(str())}, {"size_bytes", integer()}})), "what goes (went)")},
         {"kept", described(arrayOf(answer({{"id", str()}, {"tags", arrayOf(str())}, {"reason", str()}})),
                            "images the mode selects that stay, and why")},
         {"size_bytes", described(integer(), "the listed sizes of `images` added up (shared layers may free less)")},
         {"outcomes", described(arrayOf(ref("ImagePruneOutcome")), "per image, when executed; empty for a dry run")},
         {"removed_size_bytes", integer()}});
    s["ImageLayer"] = answer({{"id", described(str(), "\"<missing>\" for layers built elsewhere")},
                              {"created_at", dateTime()},
                              {"created_by", str()},
                              {"tags", arrayOf(str())},
                              {"size_bytes", integer()},
                              {"comment", str()}});
    s["ImageHistory"] = answer({{"layers", arrayOf(ref("ImageLayer"))}});
    s["DiskUsageLine"] = answer({{"total", integer()}, {"active", integer()}, {"size_bytes", integer()}, {"reclaimable_bytes", integer()}});
    s["DiskUsage"] = answer({{"host", str()}, {"images", ref("DiskUsageLine")}, {"containers", ref("DiskUsageLine")},
                             {"volumes", ref("DiskUsageLine")}, {"build_cache", ref("DiskUsageLine")}});
}

// The Docker manager's containers (api/containers): any container of any host, in the engine's vocabulary.
void containerManagerSchemas(json& s) {
    json freeForm = {{"type", "object"}, {"additionalProperties", true}};
    json strings = {{"type", "object"}, {"additionalProperties", str()}};
    json port = answer({{"container", integer()}, {"host", described(integer(), "0: none published / the engine picks")},
                        {"host_ip", str()}, {"protocol", oneOfStrings({"tcp", "udp", "sctp"})}});
    json mount = answer({{"type", oneOfStrings({"volume", "bind", "tmpfs"})}, {"source", str()}, {"target", str()}, {"read_only", boolean()}});
    json network = answer({{"name", str()}, {"aliases", arrayOf(str())}, {"ipv4_address", str()}, {"ipv6_address", str()}});
    json health = answer({{"test", arrayOf(str())}, {"interval", str()}, {"timeout", str()}, {"start_period", str()}, {"retries", integer()}});
    Props config{{"name", str()},
                 {"image", str()},
                 {"command", described(nullable(arrayOf(str())), "an argv array; null: the image's")},
                 {"entrypoint", described(nullable(arrayOf(str())), "an argv array; null: the image's")},
                 {"env", strings},
                 {"ports", arrayOf(port)},
                 {"mounts", described(arrayOf(mount), "a bind source must be under [docker] allowed_bind_roots for non-admins")},
                 {"networks", described(arrayOf(network), "the first joins at create, the others before start")},
                 {"restart_policy", described(str(), "no | always | unless-stopped | on-failure[:N]")},
                 {"memory", described(integer(), "bytes (a string such as \"512m\" is accepted too); 0: no limit")},
                 {"cpus", number()},
                 {"labels", described(strings, "rivetr.* labels are Rivetr's own and refused")},
                 {"user", str()},
                 {"healthcheck", described(nullable(health), "null: the image's; durations as \"30s\", \"500ms\"")},
                 {"privileged", described(boolean(), "admins only")},
                 {"cap_add", described(arrayOf(str()), "beyond Docker's default set and IPC_LOCK: admins only")},
                 {"devices", described(arrayOf(str()), "/dev/host[:/dev/container][:rwm]; admins only")},
                 {"security_opt", described(arrayOf(str()), "other than no-new-privileges: admins only")},
                 {"network_mode", described(str(), "host: admins only")},
                 {"pid_mode", described(str(), "host: admins only")},
                 {"ipc_mode", described(str(), "host: admins only")}};
    s["ContainerConfig"] = answer(config);
    json create = input(config, {"image"});
    create["properties"]["start"] = described(boolean(), "start it once created (default true)");
    create["properties"]["memory"] = described({{"oneOf", json::array({integer(), str()})}}, "bytes, or \"512m\"");
    s["ContainerCreate"] = create;
    json editInput = input(config);
    editInput["properties"]["memory"] = create["properties"]["memory"];
    s["ContainerEdit"] = described(editInput, "only the fields to change; every other setting is kept");
    s["ContainerApp"] = described(answer({{"id", str()}, {"name", str()}}), "the Rivetr app this container belongs to");
    s["ContainerRow"] = answer({{"id", str()}, {"name", str()}, {"names", arrayOf(str())}, {"image", str()}, {"image_id", str()},
                                {"state", str()}, {"status", str()}, {"command", str()}, {"created", described(integer(), "unix seconds")},
                                {"ports", arrayOf(port)}, {"labels", strings}, {"host", str()}, {"app", nullable(ref("ContainerApp"))}});
    s["ContainerList"] = answer({{"containers", arrayOf(ref("ContainerRow"))},
                                 {"unreachable", described(arrayOf(ref("UnreachableHost")), "hosts that did not answer an aggregate list (?host=*)")}});
    s["ContainerDetail"] = answer({{"host", str()}, {"app", nullable(ref("ContainerApp"))}, {"config", ref("ContainerConfig")},
                                   {"inspect", described(freeForm, "the engine's own inspect document, whole")},
                                   {"terminal_enabled", described(boolean(), "the server's terminal is on ([docker] terminal_enabled): admins may open one in a running container")}});
    s["PolicyFinding"] = answer({{"field", str()}, {"rule", str()}});
    s["ContainerOutcome"] = answer({{"id", str()}, {"name", str()}, {"started", boolean()},
                                    {"dangerous", described(arrayOf(ref("PolicyFinding")), "the settings only an admin may use (audited)")}});
    s["ContainerActionResult"] = answer({{"id", str()}, {"action", str()}});
    s["ContainerRename"] = input({{"name", str()}}, {"name"});
    s["ContainerRenamed"] = answer({{"id", str()}, {"name", str()}});
    s["ContainerClone"] = input({{"name", str()}, {"start", described(boolean(), "default false")}}, {"name"});
    s["ContainerBulk"] = input({{"action", oneOfStrings({"start", "stop", "restart", "pause", "unpause", "kill", "remove"})},
                                {"ids", arrayOf(str())}, {"grace", integer()}, {"force", boolean()}, {"volumes", boolean()},
                                {"signal", str()}},
                               {"action", "ids"});
    s["ContainerBulkResult"] = answer({{"results", arrayOf(answer({{"id", str()}, {"status", integer()}, {"code", str()}, {"message", str()}}))}});
    s["ManagedContainerStats"] = answer({{"cpu_percent", number()}, {"memory_bytes", described(integer(), "usage minus inactive file cache")},
                                         {"memory_limit_bytes", integer()}, {"memory_percent", number()}, {"net_rx_bytes", integer()},
                                         {"net_tx_bytes", integer()}, {"block_read_bytes", integer()}, {"block_write_bytes", integer()},
                                         {"pids", integer()}});
    s["ManagedContainerLogs"] = answer({{"lines", arrayOf(ref("ContainerLogLine"))}});
    s["ContainerProcesses"] = answer({{"titles", arrayOf(str())}, {"processes", arrayOf(arrayOf(str()))}});
}


// The Docker manager's networks (api/networks): any network of any host, with its containers' addresses.
void networkSchemas(json& s) {
    json strings = described({{"type", "object"}, {"additionalProperties", {{"type", "string"}}}}, "name -> value");
    s["NetworkSubnet"] = answer({{"subnet", str()}, {"gateway", str()}, {"ip_range", described(str(), "\"\": the whole subnet")}});
    s["NetworkContainer"] = answer({{"id", str()},
                                    {"name", str()},
                                    {"ipv4_address", described(str(), "without its prefix length; \"\" when it has none")},
                                    {"ipv6_address", str()},
                                    {"mac_address", str()},
                                    {"aliases", described(arrayOf(str()), "its names in the network (the engine adds the short id)")},
                                    {"app_id", described(nullable(str()), "the Rivetr app it belongs to")},
                                    {"app_name", nullable(str())}});
    s["Network"] = answer({{"id", str()},
                           {"short_id", str()},
                           {"name", str()},
                           {"host", described(str(), "the id of the host it is on")},
                           {"driver", str()},
                           {"scope", str()},
                           {"created_at", str()},
                           {"internal", described(boolean(), "no route out of the network")},
                           {"attachable", boolean()},
                           {"ipv6", boolean()},
                           {"subnets", arrayOf(ref("NetworkSubnet"))},
                           {"labels", strings},
                           {"options", described(strings, "driver options (macvlan's parent, the bridge's mtu...)")},
                           {"containers", arrayOf(ref("NetworkContainer"))},
                           {"builtin", described(boolean(), "bridge, host or none: the engine's own, never removed")},
                           {"managed", described(boolean(), "made by Rivetr (rivetr.managed): never removed here")},
                           {"app_id", described(nullable(str()), "the app a network Rivetr made belongs to")},
                           {"app_name", nullable(str())}});
    s["NetworkList"] = answer({{"host", described(str(), "the host asked: its id, or * for every host")},
                               {"networks", arrayOf(ref("Network"))},
                               {"unreachable", described(arrayOf(ref("UnreachableHost")), "hosts that did not answer an aggregate list (?host=*)")}});
    s["NetworkCreateInput"] = input({{"name", described(str(), "^[a-zA-Z0-9][a-zA-Z0-9_.-]+$")},
                                     {"driver", described(oneOfStrings({"bridge", "macvlan"}), "default bridge; macvlan: admins only")},
                                     {"subnet", described(str(), "CIDR, e.g. 10.20.0.0/24; empty: the engine picks one")},
                                     {"gateway", described(str(), "an address inside the subnet")},
                                     {"ip_range", described(str(), "CIDR inside the subnet the engine hands addresses from")},
                                     {"internal", boolean()},
                                     {"attachable", boolean()},
                                     {"labels", strings},
                                     {"options", described(strings, "driver options; macvlan needs parent (a host interface)")}},
                                    {"name"});
    s["NetworkRemoval"] = answer({{"id", str()}, {"name", str()}, {"removed", boolean()}});
    s["NetworkConnectInput"] = input({{"container", described(str(), "a container's id or name")},
                                      {"aliases", arrayOf(str())},
                                      {"ipv4_address", described(str(), "a fixed address inside the network's subnet")}},
                                     {"container"});
    s["NetworkConnectResult"] = answer({{"network", ref("Network")},
                                        {"warning", described(nullable(str()), "set when the container belongs to an app: its next deploy leaves the network")}});
    s["NetworkDisconnectInput"] = input({{"container", str()}, {"force", boolean()}}, {"container"});
    s["NetworkPruneInput"] = input({{"dry_run", described(boolean(), "default true: only show what would go")},
                                    {"networks", described(arrayOf(str()), "the ids to remove (what the user confirmed from the dry run); required when executing")}});
    json brief = answer({{"id", str()}, {"name", str()}, {"driver", str()}});
    json kept = answer({{"id", str()}, {"name", str()}, {"driver", str()}, {"reason", str()}});
    s["NetworkPrune"] = answer({{"dry_run", boolean()},
                                {"networks", described(arrayOf(brief), "unused networks users made: what a prune removes (empty once executed)")},
                                {"kept", described(arrayOf(kept), "unused networks that stay, and why")},
                                {"outcomes", described(arrayOf(answer({{"id", str()}, {"name", str()}, {"removed", boolean()},
                                                                       {"error", nullable(str())}})),
                                                       "per confirmed id, when executed")}});
}

// The Docker manager's volumes (api/volumes): any volume of any host, with who mounts it and its size.
void volumeSchemas(json& s) {
    json strings = {{"type", "object"}, {"additionalProperties", str()}};
    s["VolumeUser"] = answer({{"id", str()}, {"name", str()}, {"state", str()},
                              {"target", described(str(), "where the container mounts it")}, {"read_only", boolean()}});
    s["Volume"] = answer(
        {{"name", str()},
         {"host", described(str(), "the id of the host it is on")},
         {"driver", str()},
         {"mountpoint", str()},
         {"created_at", nullable(dateTime())},
         {"labels", strings},
         {"options", described(strings, "the driver's options (the local driver's type, o, device)")},
         {"in_use", boolean()},
         {"used_by", described(arrayOf(ref("VolumeUser")), "every container that mounts it, stopped ones too")},
         {"app", described(nullable(answer({{"id", str()}, {"name", str()}})), "the Rivetr app it belongs to: removed only with the app")},
         {"stack", described(nullable(str()), "the compose project it belongs to")},
         {"size_bytes", described(nullable(integer()), "null: unknown (the engine did not measure it)")},
         {"ref_count", described(nullable(integer()), "containers referring to it, as the engine counts; null: unknown")}});
    s["VolumeList"] = answer({{"host", described(str(), "the host asked: its id, or * for every host")},
                              {"volumes", arrayOf(ref("Volume"))},
                              {"unreachable", described(arrayOf(ref("UnreachableHost")), "hosts that did not answer an aggregate list (?host=*)")}});
    s["VolumeCreateInput"] = input({{"name", described(str(), "^[a-zA-Z0-9][a-zA-Z0-9_.-]+$")},
                                    {"driver", described(str(), "default \"local\"")},
                                    {"labels", described(strings, "none under rivetr. (Rivetr's own)")},
                                    {"driver_opts", described(strings, "e.g. type, o, device for the local driver")}},
                                   {"name"});
    s["VolumeCreated"] = answer({{"volume", ref("Volume")},
                                 {"dangerous", described(arrayOf(ref("PolicyFinding")), "the settings only an admin may use (audited)")}});
    s["VolumeDetail"] = answer({{"host", str()}, {"volume", ref("Volume")},
                                {"inspect", described({{"type", "object"}, {"additionalProperties", true}}, "the engine's inspect document")}});
    s["VolumeRemoval"] = answer({{"host", str()}, {"name", str()}, {"removed", boolean()}});
    s["VolumePruneInput"] = input({{"confirm", described(arrayOf(str()), "the names shown by the dry run: removes those still unused")}});
    s["VolumePrune"] = answer(
        {{"host", str()},
         {"dry_run", boolean()},
         {"volumes", described(arrayOf(answer({{"name", str()}, {"size_bytes", nullable(integer())}})), "what goes (went)")},
         {"kept", described(arrayOf(answer({{"name", str()}, {"reason", str()}})), "unused (or confirmed) volumes that stay, and why")},
         {"size_bytes", described(integer(), "the known sizes of `volumes` added up")},
         {"outcomes", described(arrayOf(answer({{"name", str()}, {"removed", boolean()}, {"error", nullable(str())}})),
                                "per volume, when executed; empty for a dry run")},
         {"removed_size_bytes", integer()}});
}

// The volume browser, backup and restore (api/volume_content/).
void volumeContentSchemas(json& s) {
    s["VolumeFileEntry"] = answerWithOptional(
        {{"name", str()},
         {"type", oneOfStrings({"file", "directory", "symlink", "fifo", "socket", "char_device", "block_device"})},
         {"size", described(integer(), "bytes; a symlink's: its target's length")},
         {"mode", described(str(), "permission bits in octal, e.g. \"0640\" or \"4755\"")},
         {"uid", integer()},
         {"gid", integer()},
         {"mtime", described(integer(), "unix seconds")}},
        {{"target", described(str(), "a symlink's target as stored; never followed")}});
    s["VolumePreview"] = answerWithOptional(
        {{"kind", described(oneOfStrings({"text", "binary", "metadata"}),
                            "text: a previewable file's start; binary: it holds NUL bytes; metadata: not a text type")}},
        {{"text", str()}, {"truncated", boolean()}, {"limit_bytes", integer()}, {"notice", str()}});
    s["VolumeBrowse"] = answerWithOptional(
        {{"volume", str()}, {"host", str()}, {"path", described(str(), "normalised, relative to the volume's root")},
         {"kind", oneOfStrings({"directory", "file"})},
         {"truncated", described(boolean(), "the directory has more entries than one answer holds")}},
        {{"entries", described(arrayOf(ref("VolumeFileEntry")), "a directory's: directories first, then by name")},
         {"file", ref("VolumeFileEntry")},
         {"preview", ref("VolumePreview")}});
    s["VolumeBackupStored"] = answer({{"volume", str()}, {"path", str()}, {"bytes", integer()}});
    s["VolumeRestoreResult"] = answer({{"volume", str()}, {"host", str()},
                                       {"created", described(boolean(), "the volume was created (?create=1)")},
                                       {"replaced", described(boolean(), "a non-empty volume's content was replaced (?force=1)")},
                                       {"entries", integer()}});
}

// The admin-managed container policy (api/docker_policy/).
void dockerPolicySchemas(json& s) {
    const auto roots = described(arrayOf(str()), "absolute host directories non-admins may bind-mount (and what is under them)");
    s["DockerPolicy"] = answer({{"allowed_bind_roots", roots},
                                {"source", described(oneOfStrings({"config", "saved"}),
                                                     "config: [docker] allowed_bind_roots of the file; saved: an admin's list")},
                                {"safe_capabilities", described(arrayOf(str()), "capabilities anyone may add (read-only)")}});
    s["DockerPolicyInput"] = input({{"allowed_bind_roots", described(nullable(roots), "null: use the config file's again")}},
                                   {"allowed_bind_roots"});
}

// Compose stacks (api/stacks): files, stored variables, services' containers, deploy revisions.
void stackSchemas(json& s) {
    s["ComposeIssue"] = answer({{"file", described(str(), "compose.yaml, .env or an env_file's path")},
                                {"line", described(integer(), "1-based; 0 for the file as a whole")},
                                {"key", described(str(), "services.web.ports[1]; \"\" for the file")},
                                {"message", str()}});
    s["StackServiceState"] = answer({{"service", str()},
                                     {"container", described(str(), "\"\" when the service has no container")},
                                     {"id", str()},
                                     {"image", str()},
                                     {"state", described(str(), "the engine's (running, exited ...) or missing")},
                                     {"health", nullable(oneOfStrings({"starting", "healthy", "unhealthy"}))}});
    s["StackRevision"] = answer({{"revision", integer()},
                                 {"status", oneOfStrings({"deploying", "deployed", "failed"})},
                                 {"error", nullable(str())},
                                 {"service", described(nullable(str()), "the service a failed deploy stopped at")},
                                 {"actor", str()},
                                 {"started_at", described(integer(), "ms since the epoch")},
                                 {"finished_at", nullable(integer())},
                                 {"compose", described(str(), "the compose file deployed")},
                                 {"env_file", nullable(str())}});
    Props summary{{"name", str()},
                  {"source", described(oneOfStrings({"rivetr", "adopted", "external"}),
                                       "rivetr: files in the stacks directory; adopted: a project started elsewhere whose file is readable; "
                                       "external: one whose file is not (start, stop and down only)")},
                  {"config_file", str()},
                  {"status", oneOfStrings({"running", "partial", "stopped", "not_deployed"})},
                  {"running", described(integer(), "services with a running container")},
                  {"services", arrayOf(ref("StackServiceState"))},
                  {"last_revision", nullable(ref("StackRevision"))}};
    s["StackSummary"] = answer(summary);
    s["StackList"] = answer({{"stacks", arrayOf(ref("StackSummary"))}});
    json var = answer({{"value", described(nullable(str()), "null for a secret: write-only")}, {"secret", boolean()}});
    json vars = described({{"type", "object"}, {"additionalProperties", var}}, "stored variables the file interpolates, by name");
    Props detail = summary;
    detail.insert(detail.end(), {{"compose_file", str()},
                                 {"compose", described(str(), "the file's bytes as saved")},
                                 {"env_file", described(nullable(str()), "the .env file's bytes")},
                                 {"env", vars},
                                 {"deployed", described(nullable(ref("StackRevision")), "the revision last deployed")}});
    s["StackDetail"] = answer(detail);
    json inputVar = {{"oneOf", json::array({str(), input({{"value", nullable(str())}, {"secret", boolean()}})})}};
    s["StackInput"] = input({{"name", described(str(), "^[a-z0-9][a-z0-9_-]*$, at most 63 (create and validate)")},
                             {"compose", described(str(), "the compose file's text (required at create)")},
                             {"env_file", described(nullable(str()), "the .env file's text")},
                             {"env", described({{"type", "object"}, {"additionalProperties", inputVar}},
                                               "variables: \"value\" or {value, secret}; a secret with a null value keeps its stored value")}});
    s["StackValidation"] = answer({{"valid", boolean()}, {"issues", arrayOf(ref("ComposeIssue"))}});
    s["StackDeployInput"] = input({{"service", described(str(), "only this service")}, {"pull", described(boolean(), "pull & redeploy")}});
    s["StackServiceInput"] = input({{"service", described(str(), "only this service")}});
    s["StackDownInput"] = input({{"volumes", described(boolean(), "also remove the named volumes (default false)")}});
    json outcome = answer({{"service", str()}, {"container", str()}, {"id", str()},
                           {"outcome", oneOfStrings({"created", "recreated", "restarted", "started", "unchanged"})}});
    s["StackDeployResult"] = answer({{"revision", integer()},
                                     {"services", described(arrayOf(outcome), "in start order")},
                                     {"removed_orphans", described(arrayOf(str()), "containers of services the file no longer has")},
                                     {"recovered", described(arrayOf(str()), "replaces a crash interrupted, finished first")}});
    s["StackContainers"] = answer({{"containers", arrayOf(str())}});
    s["StackDown"] = answer({{"removed_containers", arrayOf(str())}, {"removed_networks", arrayOf(str())},
                             {"removed_volumes", arrayOf(str())}, {"kept_volumes", arrayOf(str())}});
    s["StackRevisions"] = answer({{"revisions", arrayOf(ref("StackRevision"))}});
    json templateInput = answer({{"name", str()}, {"label", str()}, {"type", oneOfStrings({"port", "string", "email", "url"})},
                                 {"default", str()}, {"description", str()}, {"required", boolean()}});
    s["StackTemplate"] = answer({{"id", str()}, {"name", str()}, {"description", str()}, {"category", str()},
                                 {"web_service", described(nullable(str()), "service:port a domain should point at")},
                                 {"inputs", arrayOf(templateInput)},
                                 {"secrets", described(arrayOf(answer({{"name", str()}, {"length", integer()}})), "generated at deploy, stored encrypted")},
                                 {"compose", str()}});
    s["StackTemplateList"] = answer({{"templates", arrayOf(ref("StackTemplate"))}});
    s["StackTemplateDeployInput"] = input({{"name", described(str(), "the new stack's name (default: the template's id)")},
                                           {"inputs", described({{"type", "object"}, {"additionalProperties", str()}}, "input name -> value")}});
    s["StackTemplateDeployed"] = answer({{"stack", ref("StackDetail")}, {"deploy", ref("StackDeployResult")}});
}

}  // namespace

json openApiSchemas() {
    json s;
    s["Error"] = answer({{"error", answerWithOptional({{"code", str()}, {"message", str()}},
                                                      {{"field", described(str(), "the input at fault, as its JSON path")},
                                                       {"containers", described(arrayOf(ref("VolumeUser")),
                                                                                "volume_in_use: the containers that mount the volume")},
                                                       {"issues", described(arrayOf(ref("ComposeIssue")),
                                                                            "invalid_compose: every issue found, with file, line and key")}})}});
    appSchemas(s);
    appPartSchemas(s);
    deploymentSchemas(s);
    webhookSchemas(s);
    systemSchemas(s);
    accountSchemas(s);
    routeSchemas(s);
    hostSchemas(s);
    imageSchemas(s);
    containerManagerSchemas(s);
    networkSchemas(s);
    volumeContentSchemas(s);
    dockerPolicySchemas(s);
    volumeSchemas(s);
    stackSchemas(s);
    s["Object"] = {{"type", "object"}};
    s["EventStream"] = described(str(), "text/event-stream: `id`, `event`, `data` (JSON) frames");
    s["Text"] = str();
    return s;
}

}  // namespace rivetr::api
