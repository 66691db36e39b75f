// The app-list cache: built and compressed outside the lock, so one slow rebuild never blocks a cached answer.
#include "api/apps/app_list_cache.hpp"

#include "api/http/gzip_encoding.hpp"

namespace rivetr::api {

std::shared_ptr<const std::string> AppListCache::plain(Entry& entry, std::uint64_t version,
                                                       const std::function<std::string()>& build) {
    {
        std::lock_guard lock(mutex_);
        if (entry.body && entry.version == version) return entry.body;
    }
    auto body = std::make_shared<const std::string>(build());
    std::lock_guard lock(mutex_);
    if (!entry.body || entry.version < version) entry = {version, body, nullptr};
    return body;
}

std::shared_ptr<const std::string> AppListCache::get(bool withSecrets, std::uint64_t version,
                                                     const std::function<std::string()>& build, bool gzip) {
    auto& entry = entries_[withSecrets ? 1 : 0];
    auto body = plain(entry, version, build);
    if (!gzip) return body;
    {
        std::lock_guard lock(mutex_);
        if (entry.body == body && entry.gzipped) return entry.gzipped;
    }
    auto gz = std::make_shared<const std::string>(gzipCompress(*body));
    std::lock_guard lock(mutex_);
    if (entry.body == body) entry.gzipped = gz;  // still the current list: keep its compressed form
    return gz;
}

}  // namespace rivetr::api
