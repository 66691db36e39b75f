// `rivetr containers create`'s flags turned into the body of POST /api/containers. Only the form of each
// flag is checked here; what the server's create policy allows is the server's to say.
#include "cli/container_create_flags.hpp"

#include "cli/docker_host_args.hpp"

#include <charconv>

namespace rivetr::cli {
namespace {

using nlohmann::json;

int portNumber(const std::string& s, const std::string& spec) {
    int n = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
    if (ec != std::errc() || end != s.data() + s.size() || n < 1 || n > 65535)
        throw UsageError("-p takes [HOST_IP:]HOST:CONTAINER[/PROTO] with ports 1-65535, not \"" + spec + "\"");
    return n;
}

// [host_ip:]host:container[/proto] or container[/proto] (no host port: published on none).
json port(const std::string& spec) {
    std::string rest = spec, proto = "tcp";
    if (auto slash = rest.rfind('/'); slash != std::string::npos) proto = rest.substr(slash + 1), rest.resize(slash);
    json p{{"protocol", proto}, {"host", 0}, {"host_ip", ""}};
    auto last = rest.rfind(':');
    p["container"] = portNumber(rest.substr(last == std::string::npos ? 0 : last + 1), spec);
    if (last == std::string::npos) return p;
    std::string host = rest.substr(0, last);
    if (auto ip = host.rfind(':'); ip != std::string::npos) p["host_ip"] = host.substr(0, ip), host = host.substr(ip + 1);
    p["host"] = portNumber(host, spec);
    return p;
}

// type=volume|bind|tmpfs,source=S,target=T[,readonly] (src/dst/destination/ro as docker also accepts).
json mount(const std::string& spec) {
    json m{{"type", "volume"}, {"source", ""}, {"target", ""}, {"read_only", false}};
    std::size_t start = 0;
    while (start <= spec.size()) {
        auto comma = spec.find(',', start);
        std::string part = spec.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        start = comma == std::string::npos ? spec.size() + 1 : comma + 1;
        if (part == "readonly" || part == "ro") {
            m["read_only"] = true;
            continue;
        }
        auto [k, v] = keyValue(part, "--mount");
        if (k == "type") m["type"] = v;
        else if (k == "source" || k == "src") m["source"] = v;
        else if (k == "target" || k == "dst" || k == "destination") m["target"] = v;
        else if (k == "readonly" || k == "ro") m["read_only"] = v != "false" && v != "0";
        else throw UsageError("--mount: unknown key \"" + k + "\" (type, source, target, readonly)");
    }
    if (m["target"].get<std::string>().empty()) throw UsageError("--mount needs target=PATH: \"" + spec + "\"");
    return m;
}

json map(const std::vector<std::string>& items, const std::string& what) {
    json out = json::object();
    for (const auto& i : items) {
        auto [k, v] = keyValue(i, what);
        out[k] = v;
    }
    return out;
}

}  // namespace

json containerCreateBody(const Args& args) {
    if (args.positional.size() < 2) throw UsageError("missing IMAGE");
    json body{{"image", args.positional[1]}, {"start", !args.has("no-start")}};
    if (args.positional.size() > 2) body["command"] = std::vector<std::string>(args.positional.begin() + 2, args.positional.end());
    for (const char* key : {"name", "user"})
        if (auto v = args.option(key)) body[key] = *v;
    if (auto v = args.option("network")) body["network_mode"] = *v;
    if (auto v = args.option("restart")) body["restart_policy"] = *v;
    if (auto v = args.option("memory")) body["memory"] = *v;
    if (auto v = args.option("entrypoint")) body["entrypoint"] = std::vector<std::string>{*v};
    if (auto v = args.option("cpus")) {
        try {
            std::size_t used = 0;
            body["cpus"] = std::stod(*v, &used);
            if (used != v->size()) throw std::invalid_argument(*v);
        } catch (const std::logic_error&) {
            throw UsageError("--cpus takes a number such as 0.5, not \"" + *v + "\"");
        }
    }
    if (!args.all("env").empty()) body["env"] = map(args.all("env"), "--env");
    if (!args.all("label").empty()) body["labels"] = map(args.all("label"), "--label");
    for (const auto& p : args.all("publish")) body["ports"].push_back(port(p));
    for (const auto& m : args.all("mount")) body["mounts"].push_back(mount(m));
    return body;
}

}  // namespace rivetr::cli
