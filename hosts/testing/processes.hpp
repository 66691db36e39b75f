// Tests only: the processes of this machine whose command line names a text (a test's data directory), to prove none is left.
#pragma once

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "tests/support/test_support.hpp"

namespace rivetr::hosts::testing {

// Processes whose command line names `text` (this test's data directory): ssh sessions and their
// shared master.
inline std::vector<std::string> processesMentioning(const std::string& text) {
    std::vector<std::string> found;
    for (const auto& entry : std::filesystem::directory_iterator("/proc")) {
        const auto name = entry.path().filename().string();
        if (name.find_first_not_of("0123456789") != std::string::npos) continue;
        std::string cmdline;
        try {
            cmdline = test::readFile(entry.path() / "cmdline");
        } catch (const std::exception&) {
            continue;  // gone meanwhile
        }
        std::replace(cmdline.begin(), cmdline.end(), '\0', ' ');
        if (cmdline.find(text) != std::string::npos) found.push_back(name + ": " + cmdline);
    }
    return found;
}

}  // namespace rivetr::hosts::testing
