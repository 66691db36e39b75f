// A small Prometheus registry: labelled counters, gauges and histograms, rendered in the text format.
#include "api/http/metrics_registry.hpp"

#include <cmath>
#include <sstream>
#include <stdexcept>

namespace rivetr::api {
namespace {

std::string escapeHelp(const std::string& v) {
    std::string out;
    for (char c : v) {
        if (c == '\\') out += "\\\\";
        else if (c == '\n') out += "\\n";
        else out += c;
    }
    return out;
}

std::string labelText(const MetricLabels& labels, const std::string& extraName = {}, const std::string& extraValue = {}) {
    std::string out;
    auto add = [&](const std::string& k, const std::string& v) {
        out += out.empty() ? "{" : ",";
        out += k + "=\"" + escapeLabelValue(v) + "\"";
    };
    for (const auto& [k, v] : labels) add(k, v);
    if (!extraName.empty()) add(extraName, extraValue);
    if (!out.empty()) out += "}";
    return out;
}

}  // namespace

std::string escapeLabelValue(const std::string& v) {
    std::string out;
    for (char c : v) {
        if (c == '\\') out += "\\\\";
        else if (c == '"') out += "\\\"";
        else if (c == '\n') out += "\\n";
        else out += c;
    }
    return out;
}

std::string formatMetricValue(double v) {
    if (std::isnan(v)) return "NaN";
    if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
    if (v == std::floor(v) && std::fabs(v) < 1e15) return std::to_string(static_cast<long long>(v));
    std::ostringstream os;
    os.precision(10);
    os << v;
    return os.str();
}

MetricsRegistry::Family& MetricsRegistry::family(const std::string& name, Kind kind) {
    auto it = families_.find(name);
    if (it == families_.end() || it->second.kind != kind) {
        throw std::logic_error("metric " + name + " is not declared with this type");
    }
    return it->second;
}

void MetricsRegistry::counter(const std::string& name, const std::string& help) {
    std::lock_guard lock(mutex_);
    families_.try_emplace(name, Family{Kind::Counter, help, {}, {}});
}

void MetricsRegistry::gauge(const std::string& name, const std::string& help) {
    std::lock_guard lock(mutex_);
    families_.try_emplace(name, Family{Kind::Gauge, help, {}, {}});
}

void MetricsRegistry::histogram(const std::string& name, const std::string& help, std::vector<double> buckets) {
    std::lock_guard lock(mutex_);
    families_.try_emplace(name, Family{Kind::Histogram, help, std::move(buckets), {}});
}

void MetricsRegistry::add(const std::string& name, const MetricLabels& labels, double delta) {
    std::lock_guard lock(mutex_);
    family(name, Kind::Counter).series[labels].value += delta;
}

void MetricsRegistry::set(const std::string& name, const MetricLabels& labels, double value) {
    std::lock_guard lock(mutex_);
    family(name, Kind::Gauge).series[labels].value = value;
}

void MetricsRegistry::clear(const std::string& name) {
    std::lock_guard lock(mutex_);
    family(name, Kind::Gauge).series.clear();
}

void MetricsRegistry::observe(const std::string& name, const MetricLabels& labels, double value) {
    std::lock_guard lock(mutex_);
    auto& f = family(name, Kind::Histogram);
    auto& s = f.series[labels];
    if (s.counts.empty()) s.counts.assign(f.buckets.size() + 1, 0);
    std::size_t i = 0;
    while (i < f.buckets.size() && value > f.buckets[i]) ++i;
    ++s.counts[i];
    s.sum += value;
    ++s.count;
}

std::string MetricsRegistry::render() const {
    std::lock_guard lock(mutex_);
    std::string out;
    for (const auto& [name, f] : families_) {
        const char* type = f.kind == Kind::Counter ? "counter" : f.kind == Kind::Gauge ? "gauge" : "histogram";
        out += "# HELP " + name + " " + escapeHelp(f.help) + "\n";
        out += "# TYPE " + name + " " + type + "\n";
        for (const auto& [labels, s] : f.series) {
            if (f.kind != Kind::Histogram) {
                out += name + labelText(labels) + " " + formatMetricValue(s.value) + "\n";
                continue;
            }
            std::uint64_t cumulative = 0;
            for (std::size_t i = 0; i <= f.buckets.size(); ++i) {
                cumulative += s.counts[i];
                auto le = i < f.buckets.size() ? formatMetricValue(f.buckets[i]) : "+Inf";
                out += name + "_bucket" + labelText(labels, "le", le) + " " + std::to_string(cumulative) + "\n";
            }
            out += name + "_sum" + labelText(labels) + " " + formatMetricValue(s.sum) + "\n";
            out += name + "_count" + labelText(labels) + " " + std::to_string(s.count) + "\n";
        }
    }
    return out;
}

}  // namespace rivetr::api
