// One scope guard for the tree: runs a clean-up when a scope ends, however it ends (return or throw).
#pragma once

#include <utility>

namespace rivetr {

// `AtExit done{[&] { ... }};` A clean-up must not throw (it may run during unwinding): `fn` catches
// what it can fail on itself, and a throw that still escapes ends the program, as from any destructor.
template <typename Fn>
class AtExit {
public:
    explicit AtExit(Fn fn) : fn_(std::move(fn)) {}
    AtExit(const AtExit&) = delete;
    AtExit& operator=(const AtExit&) = delete;
    ~AtExit() { fn_(); }

private:
    Fn fn_;
};

template <typename Fn>
AtExit(Fn) -> AtExit<Fn>;

}  // namespace rivetr
