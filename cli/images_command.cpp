// `rivetr images list (ls)|pull|rm|prune|history|df [--host HOST]`: the Docker manager's images from the terminal.
#include <iostream>

#include "cli/client_command.hpp"
#include "cli/client_commands.hpp"
#include "cli/command_registry.hpp"
#include "cli/docker_host_args.hpp"
#include "cli/output.hpp"
#include "cli/sse_client.hpp"

namespace rivetr::cli {
namespace {

using nlohmann::json;

std::string joined(const json& list, const std::string& none) {
    std::string out;
    for (const auto& s : list) out += (out.empty() ? "" : ", ") + cell(s);
    return out.empty() ? none : out;
}

std::string users(const json& image) {
    json names = json::array();
    for (const auto& c : image["used_by"]) names.push_back(c["name"]);
    return joined(names, "-");
}

int list(ClientCall& c) {
    auto reply = c.api.get("/api/images" + hostQuery(c.args));
    if (c.json) return printJson(reply), 0;
    Table t({"ID", "TAGS", "SIZE", "CREATED", "USED BY", "HOST"});
    for (const auto& i : reply["images"])
        t.add({cell(i["short_id"]), joined(i["tags"], "<none>"), humanBytes(i["size_bytes"]), cell(i["created_at"]), users(i),
               cell(i["host"])});
    t.print(std::cout, "no images");
    printUnreachable(reply);
    return 0;
}

// Byte counters (Downloading, Extracting) repeat many times a second: a terminal gets each layer's
// other steps, a script (--json) every event.
int pull(ClientCall& c, const std::string& image) {
    int code = 1;
    std::atomic<bool> stop{false};
    readEvents(c.api, "/api/images/pull" + hostQuery(c.args), [&](const std::string& event, const std::string& data) {
        auto j = json::parse(data, nullptr, false);
        if (c.json) std::cout << json{{"event", event}, {"data", j}}.dump() << "\n";
        if (event == "done") {
            code = 0;
            if (!c.json) std::cout << "pulled " << cell(j["reference"]) << " (" << cell(j["image_id"]) << ")\n";
        } else if (event == "error") {
            std::cerr << "error: " << cell(j["error"]["message"]) << "\n";
        } else if (!c.json && j["status"] != "Downloading" && j["status"] != "Extracting") {
            std::cout << (j["id"].get<std::string>().empty() ? "" : cell(j["id"]) + ": ") << cell(j["status"]) << "\n";
        }
        std::cout.flush();
    }, stop, json{{"image", image}});
    return code;
}

int remove(ClientCall& c, const std::vector<std::string>& refs) {
    std::string force = c.args.has("force") ? "force=true" : "";
    std::string query = hostQuery(c.args);
    if (!force.empty()) query += (query.empty() ? "?" : "&") + force;
    for (const auto& ref : refs) {
        auto r = c.api.call("DELETE", "/api/images/" + pathSegment(ref) + query);
        if (c.json) {
            printJson(r);
            continue;
        }
        for (const auto& u : r["untagged"]) std::cout << "untagged: " << cell(u) << "\n";
        for (const auto& d : r["deleted"]) std::cout << "deleted: " << cell(d) << "\n";
    }
    return 0;
}

void printPlan(const json& plan) {
    Table go({"ID", "TAGS", "SIZE"});
    for (const auto& i : plan["images"]) go.add({cell(i["id"]).substr(7, 12), joined(i["tags"], "<none>"), humanBytes(i["size_bytes"])});
    go.print(std::cout, "nothing to prune");
    for (const auto& k : plan["kept"]) std::cout << "kept " << joined(k["tags"], cell(k["id"]).substr(7, 12)) << ": " << cell(k["reason"]) << "\n";
}

// Shows what would go; with --yes removes exactly the images it showed (an image that qualifies only
// since is left for the next run).
int prune(ClientCall& c) {
    json body{{"mode", c.args.has("unused") ? "unused" : "dangling"}};
    if (auto label = c.args.option("label")) {
        auto eq = label->find('=');
        body["labels"] = {{label->substr(0, eq), eq == std::string::npos ? "" : label->substr(eq + 1)}};
    }
    auto plan = c.api.call("POST", "/api/images/prune" + hostQuery(c.args), body);
    if (!c.args.has("yes")) {
        if (c.json) return printJson(plan), 0;
        printPlan(plan);
        if (!plan["images"].empty())
            std::cout << plan["images"].size() << " images (" << humanBytes(plan["size_bytes"]) << ") would go; nothing was removed: "
                      << "run again with --yes to remove them\n";
        return 0;
    }
    body["dry_run"] = false;
    body["image_ids"] = json::array();
    for (const auto& i : plan["images"]) body["image_ids"].push_back(i["id"]);
    auto report = c.api.call("POST", "/api/images/prune" + hostQuery(c.args), body);
    if (c.json) return printJson(report), 0;
    return printPruneOutcomes(report, "id", "image");
}

int history(ClientCall& c, const std::string& image) {
    auto reply = c.api.get("/api/images/" + pathSegment(image) + "/history" + hostQuery(c.args));
    if (c.json) return printJson(reply), 0;
    Table t({"LAYER", "CREATED", "SIZE", "CREATED BY"});
    for (const auto& l : reply["layers"]) {
        auto id = cell(l["id"]);
        t.add({id.rfind("sha256:", 0) == 0 ? id.substr(7, 12) : id, cell(l["created_at"]), humanBytes(l["size_bytes"]),
               headline(l["created_by"], 60)});
    }
    t.print(std::cout);
    return 0;
}

// What the host's engine holds on disk, as `docker system df` prints it.
int diskUsage(ClientCall& c) {
    auto reply = c.api.get("/api/docker/disk-usage" + hostQuery(c.args));
    if (c.json) return printJson(reply), 0;
    Table t({"TYPE", "TOTAL", "ACTIVE", "SIZE", "RECLAIMABLE"});
    for (const auto& [key, name] : {std::pair{"images", "Images"}, {"containers", "Containers"}, {"volumes", "Local volumes"},
                                    {"build_cache", "Build cache"}}) {
        const auto& line = reply[key];
        t.add({name, cell(line["total"]), cell(line["active"]), humanBytes(line["size_bytes"]), humanBytes(line["reclaimable_bytes"])});
    }
    t.print(std::cout);
    return 0;
}

}  // namespace

int runImages(const std::vector<std::string>& argv) {
    return runClient(argv, commandArgSpec("images"), [](ClientCall& c) {
        const auto& sub = positional(c.args, 0, "subcommand (list, pull, rm, prune, history or df)");
        if (sub == "list" || sub == "ls" || sub == "prune" || sub == "df") {
            expectAtMost(c.args, 1);
            return sub == "prune" ? prune(c) : sub == "df" ? diskUsage(c) : list(c);
        }
        if (sub == "pull" || sub == "history") {
            const auto& image = positional(c.args, 1, "IMAGE");
            expectAtMost(c.args, 2);
            return sub == "pull" ? pull(c, image) : history(c, image);
        }
        if (sub != "rm") throw UsageError("unknown images subcommand \"" + sub + "\"");
        positional(c.args, 1, "IMAGE");
        return remove(c, std::vector<std::string>(c.args.positional.begin() + 1, c.args.positional.end()));
    });
}

}  // namespace rivetr::cli
