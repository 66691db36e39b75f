// Each host's container list kept between requests while its event stream is open, so a list does not cost the engine a full listing every time.
#pragma once

#include <cstdint>
#include <functional>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "containers/engine_event_follower.hpp"
#include "runtime/runtime_types.hpp"

namespace rivetr::containers {

// How the cache reads a host's engine: its whole list (all=true, no filter) and one container's state.
struct EngineListReader {
    std::function<std::vector<runtime::ContainerSummary>(const std::string& host)> list;
    std::function<runtime::ContainerState(const std::string& host, const std::string& id)> state;
};

struct ListCacheOptions {
    std::size_t maxContainers = 5000;  // a bigger host is not kept (memory stays bounded): lists go to it
    int inspectThreads = 4;            // a fill inspects the rows whose state times it does not know yet
};

// Thread-safe. A host's list is answered from here ONLY while its event stream is open (the engine
// accepted it): streamLost drops the entry and every list goes to the engine until the stream reopens,
// and the reopening drops it again (nothing from before a gap is trusted). Any event that can change a
// row (create, start, die, destroy, rename, pause, health_status, image tags, network connects ...)
// and every change Rivetr makes itself (invalidate) drop the entry: the next list refills it, one
// engine call shared by every request that waits meanwhile. A row's status with an age ("Up 5 minutes")
// is said again at answer time from its state times (inspected once per container and kept until an
// event names it); a fill whose texts cannot be said again to the letter (clock skew, an engine's
// other wording) is answered as the engine said it and not kept, and after three such fills in a row
// the host's lists go to the engine until its stream reopens.
class ContainerListCache : public EventStreamListener {
public:
    using Now = std::function<std::int64_t()>;  // Unix nanoseconds
    explicit ContainerListCache(EngineListReader reader, ListCacheOptions options = {}, Now now = nullptr);

    // The host's rows as the engine would list them now (all=true, no filter, the engine's order);
    // nullopt when the cache may not answer for it (stream not open). Engine failures propagate.
    std::optional<std::vector<runtime::ContainerSummary>> list(const std::string& host);
    // Rivetr changed `container` (id or name; "" only new containers) on `host`: the next list reads the
    // engine again, and that container's state too.
    void invalidate(const std::string& host, const std::string& container = "");
    // How many fills read the engine (tests, the bench).
    std::uint64_t fills() const;

    void streamOpened(const std::string& host) override;
    void streamEvent(const std::string& host, const runtime::Event& event) override;
    void streamLost(const std::string& host) override;

private:
    struct Known {
        runtime::ContainerState state;
        std::vector<std::string> names;
    };
    struct Snapshot {
        std::vector<runtime::ContainerSummary> rows;
        std::vector<std::optional<runtime::ContainerState>> states;  // per row: set when its status has an age
        bool sayAgain = true;   // false: answered with the engine's texts as they are (and not kept)
        bool mismatch = false;  // a status its state does not say again
    };
    using SnapshotPtr = std::shared_ptr<const Snapshot>;
    struct Host {
        bool open = false;
        std::uint64_t generation = 0;  // bumped by every invalidation
        SnapshotPtr snapshot;          // of `generation`; null: none
        std::shared_future<SnapshotPtr> filling;
        std::uint64_t fillingGeneration = 0;
        std::map<std::string, Known> known;  // container id -> its state, until an event names it
        int mismatches = 0;                  // fills in a row whose texts were not said again
    };

    void drop(Host& h);
    SnapshotPtr fill(const std::string& host, std::map<std::string, Known> known, std::map<std::string, Known>& seen);
    std::vector<runtime::ContainerSummary> answer(const Snapshot& s) const;

    EngineListReader reader_;
    void settle(const std::string& host, std::uint64_t generation, const SnapshotPtr& snap, std::map<std::string, Known> seen);

    ListCacheOptions options_;
    Now now_;
    mutable std::mutex mutex_;
    std::map<std::string, Host> hosts_;
    std::uint64_t fills_ = 0;
};

// Whether an engine event can change what a container list shows (exec_*, top, attach, resize,
// volume and plugin events cannot).
bool changesContainerList(const runtime::Event& event);

}  // namespace rivetr::containers
