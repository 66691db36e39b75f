// The app-list cache: built outside the lock, so one slow rebuild never blocks a cached answer.
#include "api/app_list_cache.hpp"

namespace rivetr::api {

std::shared_ptr<const std::string> AppListCache::get(bool withSecrets, std::uint64_t version,
                                                     const std::function<std::string()>& build) {
    auto& entry = entries_[withSecrets ? 1 : 0];
    {
        std::lock_guard lock(mutex_);
        if (entry.body && entry.version == version) return entry.body;
    }
    auto body = std::make_shared<const std::string>(build());
    std::lock_guard lock(mutex_);
    if (!entry.body || entry.version <= version) entry = {version, body};
    return body;
}

}  // namespace rivetr::api
