// The Docker manager's edits in flight: one row per edit, its step, and the old container's sealed inspect document.
#include "store/container_edit_journal.hpp"

#include <stdexcept>

#include "core/clock.hpp"
#include "core/enum_names.hpp"

namespace rivetr::store {
namespace {

std::string place(const std::string& id) { return "container_edit:" + id + ":old_config"; }

constexpr EnumName<EditStep> kSteps[] = {{EditStep::Create, "create"}, {EditStep::Swap, "swap"}, {EditStep::Cleanup, "cleanup"}};

EditStep stepFrom(const std::string& s) {
    if (auto step = valueOf(s, kSteps)) return *step;
    throw std::runtime_error("container_edits: unknown step '" + s + "'");
}

}  // namespace

const char* toString(EditStep step) { return nameOf(step, kSteps, "?"); }

void ContainerEditJournal::begin(const ContainerEdit& e) {
    {
        std::lock_guard lock(mutex_);  // before the row exists, so no pass ever sees it unheld
        held_.insert(e.id);
    }
    store_.withDb([&](Database& db) {
        const auto now = nowMs();
        db.prepare("INSERT INTO container_edits(id, host, old_id, old_name, final_name, temp_name, parked_name, new_id, "
                   "was_running, step, old_config_enc, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)")
            .bind(1, e.id)
            .bind(2, e.host)
            .bind(3, e.oldId)
            .bind(4, e.oldName)
            .bind(5, e.finalName)
            .bind(6, e.tempName)
            .bind(7, e.parkedName)
            .bind(8, e.newId)
            .bind(9, e.wasRunning ? 1 : 0)
            .bind(10, toString(EditStep::Create))
            .bind(11, box_.seal(e.oldInspect, place(e.id)))
            .bind(12, now)
            .bind(13, now)
            .exec();
    });
}

void ContainerEditJournal::advance(const std::string& id, EditStep step, const std::string& newId) {
    store_.withDb([&](Database& db) {
        db.prepare("UPDATE container_edits SET step = ?, new_id = CASE WHEN ? = '' THEN new_id ELSE ? END, "
                   "updated_at = ? WHERE id = ?")
            .bind(1, toString(step))
            .bind(2, newId)
            .bind(3, newId)
            .bind(4, nowMs())
            .bind(5, id)
            .exec();
    });
}

void ContainerEditJournal::finish(const std::string& id) {
    store_.withDb([&](Database& db) { db.prepare("DELETE FROM container_edits WHERE id = ?").bind(1, id).exec(); });
    release(id);
}

void ContainerEditJournal::release(const std::string& id) {
    std::lock_guard lock(mutex_);
    held_.erase(id);
}

std::vector<ContainerEdit> ContainerEditJournal::unfinished() {
    return store_.withDb([&](Database& db) {
        std::vector<ContainerEdit> out;
        auto st = db.prepare(
            "SELECT id, host, old_id, old_name, final_name, temp_name, parked_name, new_id, was_running, step, "
            "old_config_enc, created_at FROM container_edits ORDER BY created_at, id");
        while (st.step()) {
            ContainerEdit e{st.getText(0), st.getText(1), st.getText(2), st.getText(3), st.getText(4), st.getText(5),
                            st.getText(6), st.getText(7), st.getInt(8) != 0, stepFrom(st.getText(9)), "", st.getInt(11)};
            std::lock_guard lock(mutex_);
            if (held_.count(e.id)) continue;
            e.oldInspect = box_.open(st.getBlob(10), place(e.id));
            out.push_back(std::move(e));
        }
        return out;
    });
}

}  // namespace rivetr::store
