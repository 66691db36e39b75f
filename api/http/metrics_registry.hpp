// A small Prometheus registry: labelled counters, gauges and histograms, rendered in the text format.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace rivetr::api {

using MetricLabels = std::vector<std::pair<std::string, std::string>>;

// Thread-safe; one mutex (a scrape and a few hundred requests a second do not contend).
class MetricsRegistry {
public:
    // Declare before use; `buckets` (upper bounds, ascending) only for histograms.
    void counter(const std::string& name, const std::string& help);
    void gauge(const std::string& name, const std::string& help);
    void histogram(const std::string& name, const std::string& help, std::vector<double> buckets);

    void add(const std::string& name, const MetricLabels& labels, double delta = 1);
    void set(const std::string& name, const MetricLabels& labels, double value);
    void observe(const std::string& name, const MetricLabels& labels, double value);
    // Drops every series of a gauge (before refilling one computed at scrape time).
    void clear(const std::string& name);

    // Prometheus text exposition format 0.0.4.
    std::string render() const;

private:
    enum class Kind { Counter, Gauge, Histogram };
    struct Series {
        double value = 0;                  // counter / gauge
        std::vector<std::uint64_t> counts;  // histogram, non-cumulative, last is +Inf
        double sum = 0;
        std::uint64_t count = 0;
    };
    struct Family {
        Kind kind;
        std::string help;
        std::vector<double> buckets;
        std::map<MetricLabels, Series> series;
    };
    Family& family(const std::string& name, Kind kind);

    mutable std::mutex mutex_;
    std::map<std::string, Family> families_;
};

// Label values escaped as the format requires: backslash, double quote and newline.
std::string escapeLabelValue(const std::string& v);
std::string formatMetricValue(double v);

}  // namespace rivetr::api
