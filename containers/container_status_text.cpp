// The engine's `status` column said again from a container's state times (Docker's State.String() and HumanDuration).
#include "containers/container_status_text.hpp"

#include "core/clock.hpp"

namespace rivetr::containers {
namespace {

constexpr std::int64_t kSecond = 1'000'000'000;

// Go's zero time ("0001-01-01T00:00:00Z"): the engine's "never".
bool isZeroTime(const std::string& t) { return t.empty() || t.rfind("0001-01-01T", 0) == 0; }

// How long ago `since` was at `now`; nullopt when `since` is not a timestamp.
std::optional<std::string> ago(const std::string& since, std::int64_t now) {
    std::int64_t at = 0;
    if (!parseRfc3339Nanos(since, at)) return std::nullopt;
    return humanDuration(now - at);
}

std::string healthText(const std::string& health) { return health == "starting" ? "health: starting" : health; }

}  // namespace

// go-units HumanDuration, to the letter: seconds and minutes truncate, hours round to the nearest.
std::string humanDuration(std::int64_t nanos) {
    std::int64_t seconds = nanos / kSecond;
    if (seconds < 1) return "Less than a second";
    if (seconds == 1) return "1 second";
    if (seconds < 60) return std::to_string(seconds) + " seconds";
    std::int64_t minutes = seconds / 60;
    if (minutes == 1) return "About a minute";
    if (minutes < 60) return std::to_string(minutes) + " minutes";
    auto hours = static_cast<std::int64_t>(static_cast<double>(nanos) / (3600.0 * kSecond) + 0.5);
    if (hours == 1) return "About an hour";
    if (hours < 48) return std::to_string(hours) + " hours";
    if (hours < 24 * 7 * 2) return std::to_string(hours / 24) + " days";
    if (hours < 24 * 30 * 2) return std::to_string(hours / 24 / 7) + " weeks";
    if (hours < 24 * 365 * 2) return std::to_string(hours / 24 / 30) + " months";
    return std::to_string(nanos / (3600 * kSecond) / 24 / 365) + " years";
}

std::optional<std::string> dockerStatusText(const runtime::ContainerState& s, std::int64_t now) {
    if (s.running) {
        if (s.paused) {
            auto up = ago(s.startedAt, now);
            return up ? std::optional("Up " + *up + " (Paused)") : std::nullopt;
        }
        if (s.restarting) {
            auto since = ago(s.finishedAt, now);
            return since ? std::optional("Restarting (" + std::to_string(s.exitCode) + ") " + *since + " ago") : std::nullopt;
        }
        auto up = ago(s.startedAt, now);
        if (!up) return std::nullopt;
        return s.health.empty() ? "Up " + *up : "Up " + *up + " (" + healthText(s.health) + ")";
    }
    if (s.status == "removing") return "Removal In Progress";
    if (s.status == "dead") return "Dead";
    if (isZeroTime(s.startedAt)) return "Created";
    if (isZeroTime(s.finishedAt)) return "";
    auto since = ago(s.finishedAt, now);
    return since ? std::optional("Exited (" + std::to_string(s.exitCode) + ") " + *since + " ago") : std::nullopt;
}

}  // namespace rivetr::containers
