// Finishing or rolling back an edit (a recreate) that a crash interrupted, from what its journal row says.
#include "containers/edit_recovery.hpp"

#include <optional>

#include "core/enum_names.hpp"
#include "runtime/runtime_error.hpp"

namespace rivetr::containers {
namespace {

using Json = nlohmann::json;

// What the engine has under `ref` (an id or name) now.
struct Seen {
    std::string id, name;
    bool running = false;
};

std::optional<Seen> look(runtime::ContainerLifecycle& rt, const std::string& ref) {
    if (ref.empty()) return std::nullopt;
    try {
        Json doc = rt.inspectContainerJson(ref);
        std::string name = doc.value("Name", "");
        if (!name.empty() && name[0] == '/') name.erase(0, 1);
        return Seen{doc.value("Id", ""), name, doc.value("State", Json::object()).value("Running", false)};
    } catch (const runtime::RuntimeError& e) {
        if (e.kind() == runtime::ErrorKind::NotFound) return std::nullopt;
        throw;
    }
}

// `keep` under `name`, running when `running`; `drop` removed (its anonymous volumes stay: in a finished
// edit they are the new container's). The removal comes first: it frees the name.
void settle(runtime::ContainerLifecycle& rt, const Seen& keep, const std::optional<Seen>& drop, const std::string& name,
            bool running) {
    if (drop) rt.removeContainer(drop->id, {.force = true, .volumes = false});
    if (keep.name != name) rt.renameContainer(keep.id, name);
    if (running && !keep.running) rt.startContainer(keep.id);
}

constexpr EnumName<EditRecovery> kRecoveries[] = {
    {EditRecovery::RolledBack, "rolled_back"}, {EditRecovery::Finished, "finished"}, {EditRecovery::Recreated, "recreated"}};

}  // namespace

const char* toString(EditRecovery r) { return nameOf(r, kRecoveries, "?"); }

EditRecovery recoverEdit(runtime::ContainerLifecycle& rt, const store::ContainerEdit& e,
                         const std::function<void()>& recreateOld) {
    auto oldOne = look(rt, e.oldId);
    // Before the new container's id was journaled, it can only be found by its temporary name.
    auto newOne = look(rt, e.newId.empty() ? e.tempName : e.newId);
    bool forward = e.step == store::EditStep::Cleanup ||
                   (e.step == store::EditStep::Swap && newOne && newOne->name == e.finalName);
    if (forward && !newOne && oldOne) forward = false;  // the new one is gone: keep the old
    if (!forward && !oldOne && newOne && e.step != store::EditStep::Create) forward = true;
    if (forward && newOne) {
        settle(rt, *newOne, oldOne, e.finalName, e.wasRunning);
        return EditRecovery::Finished;
    }
    if (oldOne) {
        settle(rt, *oldOne, newOne, e.oldName, e.wasRunning);
        return EditRecovery::RolledBack;
    }
    if (newOne) rt.removeContainer(newOne->id, {.force = true, .volumes = false});
    recreateOld();
    return EditRecovery::Recreated;
}

}  // namespace rivetr::containers
