// Every open terminal of this server: the per-user limit, one thread per session, and ending them all on stop.
#pragma once

#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>

#include "terminal/terminal_session.hpp"

namespace rivetr::terminal {

class TerminalService {
public:
    TerminalService(TerminalOptions options, TerminalAuditSink audit);
    ~TerminalService();  // stop()
    TerminalService(const TerminalService&) = delete;
    TerminalService& operator=(const TerminalService&) = delete;

    const TerminalOptions& options() const { return options_; }

    // One session's place under its user's limit, held from before the exec is prepared until the
    // session has ended (or the request was refused): then it is free again.
    class Slot {
    public:
        Slot(Slot&& other) noexcept : service_(std::exchange(other.service_, nullptr)), user_(std::move(other.user_)) {}
        Slot& operator=(Slot&&) = delete;
        ~Slot();

    private:
        friend class TerminalService;
        Slot(TerminalService* s, std::string user) : service_(s), user_(std::move(user)) {}
        TerminalService* service_;
        std::string user_;
    };
    // nullopt when `userKey` already has maxSessionsPerUser sessions (or the service is stopping).
    std::optional<Slot> reserve(const std::string& userKey);

    // Runs the session on a thread of its own; the slot is freed once it has ended.
    void start(Slot slot, SessionStart session);

    // Ends every session ("server stopping") and waits for each one's teardown. Idempotent.
    void stop();
    std::size_t openSessions() const;

private:
    struct Running {
        std::shared_ptr<TerminalSession> session;
        std::thread thread;
        bool done = false;
    };
    void release(const std::string& user);
    void reapLocked();  // joins the threads of sessions that ended

    TerminalOptions options_;
    TerminalAuditSink audit_;
    mutable std::mutex mutex_;
    std::map<std::string, int> perUser_;
    std::map<std::uint64_t, Running> running_;
    std::uint64_t nextId_ = 0;
    bool stopping_ = false;
};

}  // namespace rivetr::terminal
