// A write refused because it collides with existing data (a taken name or domain): the caller's fault.
#include "store/conflict_error.hpp"

namespace rivetr::store {

void rethrowAsConflict(const DbError& e, std::initializer_list<std::pair<const char*, const char*>> columnToField) {
    std::string what = e.what();
    if (e.isConstraint() && what.find("UNIQUE constraint failed") != std::string::npos) {
        for (const auto& [column, field] : columnToField) {
            if (what.find(column) != std::string::npos) {
                throw ConflictError(field, std::string(field) + " is already in use");
            }
        }
    }
    throw e;
}

}  // namespace rivetr::store
