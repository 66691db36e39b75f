// Tunables of the deploy engine, mapped from the [runtime] config section by `rivetr serve`.
#pragma once

#include <chrono>
#include <filesystem>

namespace rivetr::engine {

struct EngineOptions {
    std::filesystem::path dataDir;
    int maxConcurrentDeployments = 2;
    int keepImages = 5;  // per app, for instant rollback; the live one is always kept
    std::chrono::milliseconds cloneTimeout{std::chrono::minutes(10)};
    std::chrono::milliseconds cloneStallTimeout{std::chrono::seconds(60)};
    std::chrono::milliseconds buildTimeout{std::chrono::minutes(30)};
    std::chrono::milliseconds startTimeout{std::chrono::minutes(2)};
    // Cap on the health stage whatever the app's retries say.
    std::chrono::milliseconds healthTimeout{std::chrono::minutes(5)};
    std::chrono::seconds stopGrace{10};
};

}  // namespace rivetr::engine
