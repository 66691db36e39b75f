// rivetr-proxy-bench: Rivetr's proxy alone, with external routes from the command line, for bench/proxy.sh.
#include <csignal>
#include <iostream>
#include <string>
#include <thread>

#include "proxy/proxy.hpp"

namespace {
volatile std::sig_atomic_t stopRequested = 0;
void onSignal(int) { stopRequested = 1; }

int usage() {
    std::cerr << "usage: rivetr-proxy-bench --port N [--workers N] --route domain=host:port [--route ...]\n";
    return 2;
}
}  // namespace

int main(int argc, char** argv) {
    rivetr::proxy::ProxyOptions opts;
    opts.host = "127.0.0.1";
    std::vector<rivetr::proxy::ExternalRoute> routes;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        if (i + 1 >= argc) return usage();
        std::string v = argv[++i];
        try {
            if (a == "--port") {
                opts.httpPort = static_cast<std::uint16_t>(std::stoi(v));
            } else if (a == "--workers") {
                opts.workers = static_cast<unsigned>(std::stoi(v));
            } else if (a == "--route") {
                auto eq = v.find('='), colon = v.rfind(':');
                if (eq == std::string::npos || colon == std::string::npos || colon < eq) return usage();
                routes.push_back({v.substr(0, eq),
                                  {v.substr(eq + 1, colon - eq - 1), static_cast<std::uint16_t>(std::stoi(v.substr(colon + 1)))},
                                  false});
            } else {
                return usage();
            }
        } catch (const std::exception&) {
            return usage();
        }
    }
    if (routes.empty()) return usage();
    try {
        rivetr::proxy::Proxy proxy(opts);
        for (auto& r : routes) proxy.setExternalRoute(r);
        proxy.start();
        std::signal(SIGINT, onSignal);
        std::signal(SIGTERM, onSignal);
        std::cout << "listening on " << proxy.httpPort() << std::endl;
        while (!stopRequested) std::this_thread::sleep_for(std::chrono::milliseconds(100));
        proxy.stop();
    } catch (const std::exception& e) {
        std::cerr << "rivetr-proxy-bench: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
