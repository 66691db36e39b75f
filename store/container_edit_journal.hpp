// The Docker manager's edits in flight, written down before each step so a crash never loses the container.
#pragma once

#include <cstdint>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "store/secret_box.hpp"
#include "store/store.hpp"

namespace rivetr::store {

// How far an edit (a recreate) got. create: the new container may exist under tempName; swap: it
// exists (newId), the old may be stopped and parked under parkedName; cleanup: the new one holds
// finalName, only the old one's removal is left.
enum class EditStep { Create, Swap, Cleanup };
const char* toString(EditStep step);

struct ContainerEdit {
    std::string id;  // the journal row's
    std::string host;
    std::string oldId, oldName;  // as before the edit
    std::string finalName;       // what the edited container will be called
    std::string tempName;        // the new container's name until the swap
    std::string parkedName;      // the old container's name during the swap
    std::string newId;           // "" until the new container exists
    bool wasRunning = false;
    EditStep step = EditStep::Create;
    std::string oldInspect;  // the old container's inspect document (JSON text), sealed at rest
    std::int64_t createdAt = 0;
};

// Thread-safe. Every write is its own committed transaction: when a call returns, the row is on disk.
// An edit is held from begin() until finish() or release(): held, it is still under way in this process
// and no recovery pass may touch it (the running server's periodic pass would otherwise roll back an
// edit in the middle of its stop grace).
class ContainerEditJournal {
public:
    ContainerEditJournal(Store& store, SecretBox box) : store_(store), box_(box) {}

    // Records a new edit at EditStep::Create (the fields of `edit` but step and createdAt), held.
    void begin(const ContainerEdit& edit);
    // Moves `id` on to `step`; `newId` is stored when not empty.
    void advance(const std::string& id, EditStep step, const std::string& newId = "");
    // The edit is over (done or rolled back).
    void finish(const std::string& id);
    // The edit stopped unfinished (its rollback failed too, or it was interrupted): recovery's now.
    void release(const std::string& id);
    // The edits left unfinished and held by nobody (a crash, a failed rollback), oldest first.
    std::vector<ContainerEdit> unfinished();

private:
    Store& store_;
    SecretBox box_;
    std::mutex mutex_;
    std::set<std::string> held_;
};

}  // namespace rivetr::store
