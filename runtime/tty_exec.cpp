// An interactive exec's raw connection: owning, moving and half-closing its socket.
#include "runtime/tty_exec.hpp"

#include <sys/socket.h>
#include <unistd.h>

namespace rivetr::runtime {

ExecConnection::~ExecConnection() {
    if (fd_ >= 0) ::close(fd_);
}

ExecConnection::ExecConnection(ExecConnection&& other) noexcept
    : fd_(other.release()), earlyOutput_(std::move(other.earlyOutput_)) {}

ExecConnection& ExecConnection::operator=(ExecConnection&& other) noexcept {
    if (this != &other) {
        if (fd_ >= 0) ::close(fd_);
        fd_ = other.release();
        earlyOutput_ = std::move(other.earlyOutput_);
    }
    return *this;
}

void ExecConnection::closeInput() {
    if (fd_ >= 0) ::shutdown(fd_, SHUT_WR);
}

int ExecConnection::release() {
    int fd = fd_;
    fd_ = -1;
    return fd;
}

}  // namespace rivetr::runtime
