// nginx as a real upstream for proxy tests: answers "<METHOD> <uri>" and logs the status of every request it parsed.
#include "proxy/nginx_upstream.hpp"

#include <stdexcept>

namespace rivetr::proxy::test {

NginxUpstream::NginxUpstream() {
    auto nginx = findExecutable("nginx");
    if (!nginx) {
        for (const char* p : {"/usr/sbin/nginx", "/sbin/nginx"}) {
            if (std::filesystem::exists(p)) nginx.emplace(p);
        }
    }
    if (!nginx) throw std::runtime_error("nginx is not installed (scripts/setup.sh installs it)");
    port_ = static_cast<std::uint16_t>(rivetr::test::freePort());
    const auto d = dir_.path().string();
    rivetr::test::writeFile(dir_ / "nginx.conf",
        "daemon off; master_process off; worker_processes 1; pid " + d + "/nginx.pid;\n"
        "error_log " + d + "/error.log warn;\n"
        "events { worker_connections 64; }\n"
        "http { log_format st '$status $request'; access_log " + d + "/access.log st;\n"
        "  client_body_temp_path " + d + "/body; proxy_temp_path " + d + "/proxy; fastcgi_temp_path " + d + "/fcgi;\n"
        "  uwsgi_temp_path " + d + "/uwsgi; scgi_temp_path " + d + "/scgi;\n"
        "  server { listen 127.0.0.1:" + std::to_string(port_) + "; keepalive_requests 1000;\n"
        "    location / { default_type text/plain; return 200 \"$request_method $uri\"; } } }\n");
    process_.emplace(Process::spawn({nginx->string(), "-p", d, "-e", d + "/error.log", "-c", d + "/nginx.conf"}));
    if (!rivetr::test::waitForHttp("http://127.0.0.1:" + std::to_string(port_) + "/ready", 200, std::chrono::seconds(10))) {
        throw std::runtime_error("nginx did not start: " + rivetr::test::readFile(dir_ / "error.log"));
    }
}

std::string NginxUpstream::accessLog() const {
    std::error_code ec;
    if (!std::filesystem::exists(dir_ / "access.log", ec)) return {};
    return rivetr::test::readFile(dir_ / "access.log");
}

}  // namespace rivetr::proxy::test
