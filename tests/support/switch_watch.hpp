// A client asking one URL in a loop while a deployment switches: how the zero-downtime tests count
// failed requests (anything but a 200) and switches (a change of body) during the switch.
#pragma once

#include <atomic>
#include <functional>
#include <string>
#include <thread>

#include "core/non_copyable.hpp"
#include "tests/support/test_support.hpp"

namespace rivetr::test {

class SwitchWatch : NonCopyable {
public:
    struct Seen {
        int total = 0;
        int failures = 0;
        int switches = 0;
        std::string firstFailure;  // status, error and body of the first answer that was not a 200
    };

    // Starts asking at once, on its own thread, until stop().
    explicit SwitchWatch(std::function<HttpResponse()> request);
    ~SwitchWatch();

    Seen stop();

private:
    std::function<HttpResponse()> request_;
    std::atomic<bool> stop_{false};
    Seen seen_;  // written by the thread only, read after join
    std::thread thread_;
};

}  // namespace rivetr::test
