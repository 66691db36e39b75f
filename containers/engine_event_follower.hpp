// One thread per host following its engine's event stream, reconnecting, and telling a listener when the stream opens, what happened, and when it is lost.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "core/non_copyable.hpp"
#include "hosts/host_directory.hpp"

namespace rivetr::containers {

// What a host's event stream says, in order, from one follower thread per host.
class EventStreamListener {
public:
    virtual ~EventStreamListener() = default;
    // The engine accepted the stream: every change from now on arrives as an event.
    virtual void streamOpened(const std::string& host) = 0;
    virtual void streamEvent(const std::string& host, const runtime::Event& event) = 0;
    // The stream ended (engine restarted, host unreachable, removed): changes may go unseen until it reopens.
    virtual void streamLost(const std::string& host) = 0;
};

// Thread-safe. follow(host) starts following a host once (later calls are free); the thread reconnects
// with a back-off from 250 ms to 5 s, and ends for good when the host is removed from the directory or
// its engine cannot stream events (a Podman engine, a fake): the listener then only ever hears "lost".
class EngineEventFollower : NonCopyable {
public:
    EngineEventFollower(hosts::HostDirectory& hosts, EventStreamListener& listener);
    ~EngineEventFollower();  // ends every stream and joins

    void follow(const std::string& host);

private:
    struct Follow;
    void run(const std::string& host, Follow& f);
    bool followOnce(const std::string& host, Follow& f);

    hosts::HostDirectory& hosts_;
    EventStreamListener& listener_;
    std::mutex mutex_;
    std::map<std::string, std::unique_ptr<Follow>> follows_;
};

}  // namespace rivetr::containers
