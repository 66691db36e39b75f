// The Docker adapter's interactive exec (the terminal): create with a TTY, attach to the raw stream, resize, inspect.
#include "runtime/docker_hijack.hpp"
#include "runtime/docker_json.hpp"
#include "runtime/docker_runtime.hpp"
#include "runtime/naming.hpp"

namespace rivetr::runtime {

std::string DockerRuntime::createTtyExec(const std::string& containerId, const TtyExecSpec& spec) {
    if (spec.argv.empty()) throw RuntimeError(ErrorKind::InvalidArgument, "exec needs a command");
    Json env = Json::array();
    for (const auto& [k, v] : spec.env) env.push_back(k + "=" + v);
    Json create = {{"AttachStdin", true}, {"AttachStdout", true}, {"AttachStderr", true},
                   {"Tty", true},         {"Cmd", spec.argv},     {"Env", env}};
    if (!spec.user.empty()) create["User"] = spec.user;
    std::string execId =
        expectOk("POST", containerPath(containerId, "exec"), create, ObjectKind::Container).value("Id", "");
    validateName(execId, "exec");
    return execId;
}

ExecConnection DockerRuntime::attachTtyExec(const std::string& execId) {
    validateName(execId, "exec");
    Json start = {{"Detach", false}, {"Tty", true}};
    return openUpgraded(client_.endpoint(), "/v" + client_.apiVersion() + "/exec/" + execId + "/start", start.dump());
}

void DockerRuntime::resizeExec(const std::string& execId, unsigned cols, unsigned rows) {
    validateName(execId, "exec");
    expectOk("POST", "/exec/" + execId + "/resize?h=" + std::to_string(rows) + "&w=" + std::to_string(cols));
}

ExecState DockerRuntime::inspectExec(const std::string& execId) {
    validateName(execId, "exec");
    Json j = expectOk("GET", "/exec/" + execId + "/json");
    ExecState s;
    s.running = j.value("Running", false);
    if (j.contains("Pid") && j["Pid"].is_number_integer()) s.pid = j["Pid"].get<long long>();
    if (!s.running && j.contains("ExitCode") && j["ExitCode"].is_number_integer()) s.exitCode = j["ExitCode"].get<int>();
    return s;
}

}  // namespace rivetr::runtime
