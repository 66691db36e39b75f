// One question asked of the host a `?host=` names, or of every host at once ("*"): the shared aggregation of the Docker manager's lists.
#pragma once

#include <exception>
#include <future>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "hosts/host_directory.hpp"

namespace rivetr::hosts {

// What a `?host=` value selects every host with.
inline constexpr const char* kEveryHost = "*";

// A host that did not answer an aggregate question, and why (what its failure said).
struct UnreachableHost {
    std::string host, error;
};

template <typename T>
struct HostAnswers {
    std::vector<std::pair<std::string, T>> answers;  // host id -> its answer, in the directory's order
    std::vector<UnreachableHost> unreachable;
};

// The host ids `selector` names: "*" every host (the local one first), "" the local one, else that id.
std::vector<std::string> selectedHosts(HostDirectory& directory, const std::string& selector);

// Calls ask(hostId) for the host `selector` names and returns its answer; its exceptions propagate.
// For "*" every host is asked at once, one thread per remote host (the first host on the calling
// thread), so the aggregate waits only as long as the slowest host (each bounded by its connect
// timeout, or at once during its back-off). A host whose ask throws is listed as unreachable with
// the exception's text, and never fails the others. `ask` must be safe to call from several threads;
// the caller merges the answers on its own thread.
template <typename Ask>
auto askHosts(HostDirectory& directory, const std::string& selector, Ask&& ask)
    -> HostAnswers<std::invoke_result_t<Ask&, const std::string&>> {
    using T = std::invoke_result_t<Ask&, const std::string&>;
    HostAnswers<T> out;
    auto ids = selectedHosts(directory, selector);
    if (selector != kEveryHost) {
        out.answers.emplace_back(ids.front(), ask(ids.front()));
        return out;
    }
    std::vector<std::future<T>> pending;
    for (std::size_t i = 1; i < ids.size(); ++i)
        pending.push_back(std::async(std::launch::async, [&ask, id = ids[i]] { return ask(id); }));
    auto collect = [&](const std::string& id, auto&& get) {
        try {
            out.answers.emplace_back(id, get());
        } catch (const std::exception& e) {
            out.unreachable.push_back({id, e.what()});
        }
    };
    if (!ids.empty()) collect(ids.front(), [&] { return ask(ids.front()); });
    for (std::size_t i = 1; i < ids.size(); ++i) collect(ids[i], [&] { return pending[i - 1].get(); });
    return out;
}

}  // namespace rivetr::hosts
