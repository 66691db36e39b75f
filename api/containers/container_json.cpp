// The Docker manager's container answers as JSON: list rows, create/edit outcomes, stats and processes.
#include "api/containers/container_json.hpp"

namespace rivetr::api {

using nlohmann::json;

json toJson(const containers::ContainerRow& row) {
    const auto& s = row.summary;
    json ports = json::array();
    for (const auto& p : s.ports)
        ports.push_back({{"container", p.containerPort}, {"host", p.hostPort}, {"host_ip", p.hostIp}, {"protocol", p.protocol}});
    json app = row.appId.empty() ? json(nullptr) : json{{"id", row.appId}, {"name", row.appName}};
    return {{"id", s.id},         {"name", s.name},       {"names", s.names},   {"image", s.image},
            {"image_id", s.imageId}, {"state", s.state},  {"status", s.status}, {"command", s.command},
            {"created", s.created}, {"ports", ports},     {"labels", s.labels}, {"host", row.host},
            {"app", app}};
}

json toJson(const containers::CreateOutcome& o) {
    json dangerous = json::array();
    for (const auto& f : o.dangerous) dangerous.push_back(f.toJson());
    return {{"id", o.id}, {"name", o.name}, {"started", o.started}, {"dangerous", dangerous}};
}

json toJson(const runtime::Stats& s) {
    return {{"cpu_percent", s.cpuPercent},
            {"memory_bytes", s.memoryUsageBytes},
            {"memory_limit_bytes", s.memoryLimitBytes},
            {"memory_percent", s.memoryPercent},
            {"net_rx_bytes", s.networkRxBytes},
            {"net_tx_bytes", s.networkTxBytes},
            {"block_read_bytes", s.blockReadBytes},
            {"block_write_bytes", s.blockWriteBytes},
            {"pids", s.pids}};
}

json toJson(const runtime::ProcessList& p) { return {{"titles", p.titles}, {"processes", p.processes}}; }

}  // namespace rivetr::api
