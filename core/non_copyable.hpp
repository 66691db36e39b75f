// One spelling of "this object owns something (a thread, a socket, a file) and is never copied", so
// each owning class says it with a base instead of two deleted members.
#pragma once

namespace rivetr {

class NonCopyable {
public:
    NonCopyable(const NonCopyable&) = delete;
    NonCopyable& operator=(const NonCopyable&) = delete;

protected:
    NonCopyable() = default;
    ~NonCopyable() = default;
};

}  // namespace rivetr
