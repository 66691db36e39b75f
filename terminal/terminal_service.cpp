// Every open terminal of this server: the per-user limit, one thread per session, and ending them all on stop.
#include "terminal/terminal_service.hpp"

#include <unistd.h>

#include <vector>

namespace rivetr::terminal {

TerminalService::TerminalService(TerminalOptions options, TerminalAuditSink audit)
    : options_(options), audit_(std::move(audit)) {}

TerminalService::~TerminalService() { stop(); }

TerminalService::Slot::~Slot() {
    if (service_) service_->release(user_);
}

std::optional<TerminalService::Slot> TerminalService::reserve(const std::string& userKey) {
    std::lock_guard lock(mutex_);
    reapLocked();
    auto& count = perUser_[userKey];
    if (stopping_ || count >= options_.maxSessionsPerUser) return std::nullopt;
    ++count;
    return Slot(this, userKey);
}

void TerminalService::release(const std::string& user) {
    std::lock_guard lock(mutex_);
    if (auto it = perUser_.find(user); it != perUser_.end() && --it->second <= 0) perUser_.erase(it);
}

// Why a thread per session: its engine calls (attach, resize, and the teardown's execs and waits of up to
// ~11 s) block, and sessions are few (admins only by default, a handful each).
void TerminalService::start(Slot slot, SessionStart session) {
    std::lock_guard lock(mutex_);
    if (stopping_) {
        ::close(session.fd);
        return;
    }
    auto id = nextId_++;
    auto s = std::make_shared<TerminalSession>(std::move(session), options_, audit_);
    auto& entry = running_[id];
    entry.session = s;
    entry.thread = std::thread([this, id, s, slot = std::move(slot)]() mutable {
        s->run();
        { Slot freed = std::move(slot); }  // the user's place is free before the session counts as done
        std::lock_guard done(mutex_);
        if (auto it = running_.find(id); it != running_.end()) it->second.done = true;
    });
}

void TerminalService::reapLocked() {
    for (auto it = running_.begin(); it != running_.end();) {
        if (!it->second.done) {
            ++it;
            continue;
        }
        it->second.thread.join();  // it has returned: only its last lines run
        it = running_.erase(it);
    }
}

void TerminalService::stop() {
    std::vector<std::thread> threads;
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
        for (auto& [id, r] : running_) {
            r.session->stop("server stopping");
            threads.push_back(std::move(r.thread));
        }
    }
    for (auto& t : threads)
        if (t.joinable()) t.join();
    std::lock_guard lock(mutex_);
    running_.clear();
}

std::size_t TerminalService::openSessions() const {
    std::lock_guard lock(mutex_);
    std::size_t n = 0;
    for (const auto& [id, r] : running_) n += r.done ? 0 : 1;
    return n;
}

}  // namespace rivetr::terminal
