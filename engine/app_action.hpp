// Start, stop, restart and recovery of an app's live container as engine jobs: what is asked and what came of it.
#pragma once

#include <future>
#include <string>

namespace rivetr::engine {

// Start, Stop and Restart are asked by users. Recover is the engine's own: after the live container
// died, was restarted or the engine came back, it brings the container up if needed, proves it is
// the app's (live_endpoint.hpp), waits for its health check and routes to it.
enum class AppAction { Start, Stop, Restart, Recover };

inline const char* actionName(AppAction a) {
    switch (a) {
        case AppAction::Start: return "start";
        case AppAction::Stop: return "stop";
        case AppAction::Restart: return "restart";
        case AppAction::Recover: return "recover";
    }
    return "?";
}

// How an action job ended. `code` names a refusal the way the API answers it (not_deployed,
// runtime_unavailable, runtime_error, start_failed, unhealthy (it started but failed the app's health
// check: not routed), container_gone (removed outside rivetr), cancelled).
struct ActionOutcome {
    bool ok = false;
    std::string status;  // ok: what the app is now, "running" or "stopped"
    std::string code;
    std::string error;
};

// What Engine::act hands back at once: the job's id (its events carry it) and its outcome later.
// The future holds std::future_error (broken_promise) when the job never ran (rivetr stopping).
struct ActionTicket {
    std::string id;
    std::shared_future<ActionOutcome> done;
};

}  // namespace rivetr::engine
