// The metrics registry renders text a Prometheus parser accepts: escaped labels, cumulative buckets, +Inf.
#include "api/http/metrics_registry.hpp"

#include <gtest/gtest.h>

#include <map>
#include <sstream>

namespace rivetr::api {
namespace {

struct Sample {
    std::string name;
    std::map<std::string, std::string> labels;
    std::string value;
};

// A strict reader of the exposition format: every non-comment line is name{labels} value, label
// values are quoted with \\, \" and \n escapes; anything else fails the test.
std::vector<Sample> parse(const std::string& text, std::map<std::string, std::string>& types) {
    std::vector<Sample> out;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind("# TYPE ", 0) == 0) {
            std::istringstream t(line.substr(7));
            std::string n, ty;
            t >> n >> ty;
            types[n] = ty;
            continue;
        }
        if (line.rfind("# HELP ", 0) == 0) continue;
        Sample s;
        std::size_t i = 0;
        while (i < line.size() && (std::isalnum(static_cast<unsigned char>(line[i])) || line[i] == '_')) s.name += line[i++];
        EXPECT_FALSE(s.name.empty()) << line;
        if (i < line.size() && line[i] == '{') {
            ++i;
            while (i < line.size() && line[i] != '}') {
                auto eq = line.find('=', i);
                std::string key = line.substr(i, eq - i);
                i = eq + 1;
                EXPECT_EQ(line[i], '"') << line;
                ++i;
                std::string value;
                while (i < line.size() && line[i] != '"') {
                    if (line[i] == '\\') {
                        ++i;
                        value += line[i] == 'n' ? '\n' : line[i];
                    } else {
                        value += line[i];
                    }
                    ++i;
                }
                ++i;  // closing quote
                s.labels[key] = value;
                if (line[i] == ',') ++i;
            }
            ++i;
        }
        EXPECT_EQ(line[i], ' ') << line;
        s.value = line.substr(i + 1);
        out.push_back(s);
    }
    return out;
}

TEST(MetricsRegistry, RendersParsableTextWithEscapedLabels) {
    MetricsRegistry r;
    r.counter("requests_total", "Requests\nby route");
    r.add("requests_total", {{"route", "/a\"b\\c\nd"}, {"status", "2xx"}});
    r.add("requests_total", {{"route", "/a\"b\\c\nd"}, {"status", "2xx"}}, 2);
    r.gauge("depth", "Queue depth");
    r.set("depth", {}, 0.5);
    std::map<std::string, std::string> types;
    auto samples = parse(r.render(), types);
    EXPECT_EQ(types["requests_total"], "counter");
    EXPECT_EQ(types["depth"], "gauge");
    ASSERT_EQ(samples.size(), 2u);
    EXPECT_EQ(samples[1].name, "requests_total");
    EXPECT_EQ(samples[1].labels["route"], "/a\"b\\c\nd");
    EXPECT_EQ(samples[1].value, "3");
    EXPECT_EQ(samples[0].value, "0.5");
}

TEST(MetricsRegistry, HistogramBucketsAreCumulativeWithInf) {
    MetricsRegistry r;
    r.histogram("latency_seconds", "Latency", {0.1, 1});
    for (double v : {0.05, 0.1, 0.5, 7.0}) r.observe("latency_seconds", {{"route", "/x"}}, v);
    std::map<std::string, std::string> types;
    auto samples = parse(r.render(), types);
    EXPECT_EQ(types["latency_seconds"], "histogram");
    std::map<std::string, std::string> byLe;
    std::string count, sum;
    for (const auto& s : samples) {
        if (s.name == "latency_seconds_bucket") byLe[s.labels.at("le")] = s.value;
        if (s.name == "latency_seconds_count") count = s.value;
        if (s.name == "latency_seconds_sum") sum = s.value;
    }
    EXPECT_EQ(byLe["0.1"], "2");  // the bound is inclusive
    EXPECT_EQ(byLe["1"], "3");
    EXPECT_EQ(byLe["+Inf"], "4");
    EXPECT_EQ(count, "4");
    EXPECT_DOUBLE_EQ(std::stod(sum), 7.65);
}

TEST(MetricsRegistry, UndeclaredOrMistypedMetricIsRefused) {
    MetricsRegistry r;
    r.gauge("g", "a gauge");
    EXPECT_THROW(r.add("g", {}), std::logic_error);
    EXPECT_THROW(r.observe("missing", {}, 1), std::logic_error);
}

}  // namespace
}  // namespace rivetr::api
