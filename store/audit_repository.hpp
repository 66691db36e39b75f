// The audit log: every mutation with its actor, appended and never edited; read newest first.
#pragma once

#include <vector>

#include "store/records.hpp"
#include "store/store.hpp"

namespace rivetr::store {

class AuditRepository {
public:
    explicit AuditRepository(Store& store) : store_(store) {}
    void append(const AuditEntry& e);
    // Newest first; `beforeId` pages backwards (0: from the newest).
    std::vector<AuditEntry> list(int limit, std::int64_t beforeId = 0);

private:
    Store& store_;
};

}  // namespace rivetr::store
