// GET /api/apps answered from a cached body while no app changed: 1,000 apps are ~650 KB of JSON.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>

namespace rivetr::api {

// Two variants (with and without webhook secrets), each valid for one store apps-version, each
// kept plain and, once a client asked for it, gzipped.
class AppListCache {
public:
    // The body for `version`, built by `build` when the cached one is older (gzipped when `gzip`).
    // Callers must read `version` before the app list `build` reads, so a concurrent write leaves
    // it stale, never wrong.
    std::shared_ptr<const std::string> get(bool withSecrets, std::uint64_t version,
                                           const std::function<std::string()>& build, bool gzip = false);

private:
    struct Entry {
        std::uint64_t version = 0;
        std::shared_ptr<const std::string> body;
        std::shared_ptr<const std::string> gzipped;  // of `body`; null until asked for
    };
    std::shared_ptr<const std::string> plain(Entry& entry, std::uint64_t version,
                                             const std::function<std::string()>& build);

    std::mutex mutex_;
    Entry entries_[2];
};

}  // namespace rivetr::api
