// A client asking one URL in a loop while a deployment switches.
#include "tests/support/switch_watch.hpp"

namespace rivetr::test {

SwitchWatch::SwitchWatch(std::function<HttpResponse()> request) : request_(std::move(request)) {
    thread_ = std::thread([this] {
        std::string last;
        while (!stop_) {
            auto r = request_();
            ++seen_.total;
            if (r.status != 200) {
                if (seen_.failures++ == 0)
                    seen_.firstFailure = std::to_string(r.status) + " " + r.error + " " + r.body;
                continue;
            }
            if (!last.empty() && r.body != last) ++seen_.switches;
            last = r.body;
        }
    });
}

SwitchWatch::~SwitchWatch() { stop(); }

SwitchWatch::Seen SwitchWatch::stop() {
    stop_ = true;
    if (thread_.joinable()) thread_.join();
    return seen_;
}

}  // namespace rivetr::test
