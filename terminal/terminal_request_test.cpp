// The terminal's allow-lists: only listed shells, only user names and uids that cannot carry anything else.
#include "terminal/terminal_request.hpp"

#include <gtest/gtest.h>

namespace rivetr::terminal {
namespace {

TEST(TerminalRequest, AutoTriesEveryAllowedShellInOrder) {
    std::vector<std::string> all{"/bin/bash", "/bin/ash", "/bin/sh"};
    EXPECT_EQ(shellCandidates(""), all);
    EXPECT_EQ(shellCandidates("auto"), all);
    EXPECT_EQ(shellCandidates("/bin/ash"), std::vector<std::string>{"/bin/ash"});
}

TEST(TerminalRequest, AnyOtherShellIsRefused) {
    for (const char* s : {"/bin/zsh", "bash", "/bin/sh -c id", "/bin/sh;id", "/usr/bin/bash", "/bin/../bin/sh", "AUTO"})
        EXPECT_FALSE(shellCandidates(s)) << s;
}

TEST(TerminalRequest, UsersAreNamesOrUidsOnly) {
    for (const char* u : {"", "root", "www-data", "_apt", "app_1", "0", "1000", "1000:1000"}) EXPECT_TRUE(validExecUser(u)) << u;
    for (const char* u : {"Root", "1root", "-x", "a b", "a;b", "1000:", ":1000", "1000:1000:1", "a:b", "root\n",
                          "abcdefghijklmnopqrstuvwxyz0123456"})
        EXPECT_FALSE(validExecUser(u)) << u;
}

}  // namespace
}  // namespace rivetr::terminal
