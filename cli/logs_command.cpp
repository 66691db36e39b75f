// `rivetr logs APP [-f] [-n N] [--json]`: the live container's output, followed over SSE with -f.
#include <signal.h>

#include <atomic>
#include <iostream>

#include "cli/client_command.hpp"
#include "cli/client_commands.hpp"
#include "cli/command_registry.hpp"
#include "cli/number_option.hpp"
#include "cli/sse_client.hpp"

namespace rivetr::cli {
namespace {

using nlohmann::json;

std::atomic<bool> g_interrupted{false};

// Ctrl-C ends a follow cleanly (exit 0, the stream closed) instead of killing the process mid-line.
void onInterrupt(int) { g_interrupted = true; }

}  // namespace

void printLogLine(const json& l, bool asJson) {
    if (asJson) {
        std::cout << l.dump() << "\n";
    } else {
        (l.value("stream", "") == "stderr" ? std::cerr : std::cout) << l.value("line", "") << "\n";
    }
}

void followUntilInterrupted(ClientCall& c, const std::string& streamPath, const SseParser::OnEvent& onEvent) {
    struct sigaction sa {};
    sa.sa_handler = onInterrupt;
    sigaction(SIGINT, &sa, nullptr);
    sigaction(SIGTERM, &sa, nullptr);
    readEvents(c.api, streamPath, onEvent, g_interrupted);
}

int followLogStream(ClientCall& c, const std::string& streamPath) {
    followUntilInterrupted(c, streamPath, [&](const std::string& event, const std::string& data) {
        if (event != "log") return;
        auto l = json::parse(data, nullptr, false);
        if (!l.is_discarded()) printLogLine(l, c.json);
        std::cout.flush();
    });
    return 0;
}

int runLogs(const std::vector<std::string>& argv) {
    return runClient(argv, commandArgSpec("logs"), [](ClientCall& c) {
        const auto& app = positional(c.args, 0, "APP");
        expectAtMost(c.args, 1);
        auto tail = numberOption(c.args, "lines").value_or(100);
        if (tail < 0 || tail > 10000) throw UsageError("-n takes a number of lines from 0 to 10000");
        std::string base = "/api/apps/" + pathSegment(app);
        if (c.args.has("follow")) return followLogStream(c, base + "/logs/stream?tail=" + std::to_string(tail));
        auto reply = c.api.get(base + "/logs?tail=" + std::to_string(tail));
        for (const auto& l : reply["lines"]) printLogLine(l, c.json);
        return 0;
    });
}

}  // namespace rivetr::cli
