// Table layout, JSON printing and TTY-only colour for the client commands.
#include "cli/output.hpp"

#include <cstdio>
#include <iterator>

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <iostream>

#include "store/deployment_status.hpp"

namespace rivetr::cli {
namespace {

// Characters, not bytes: a commit message's "é" or "…" takes one column.
size_t displayWidth(const std::string& s) {
    return static_cast<size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

}  // namespace

void Table::print(std::ostream& out, const std::string& empty) const {
    if (rows_.empty()) {
        out << empty << "\n";
        return;
    }
    std::vector<size_t> width(headers_.size());
    for (size_t i = 0; i < headers_.size(); ++i) width[i] = displayWidth(headers_[i]);
    for (const auto& r : rows_) {
        for (size_t i = 0; i < r.size() && i < width.size(); ++i) width[i] = std::max(width[i], displayWidth(r[i]));
    }
    auto line = [&](const std::vector<std::string>& r) {
        std::string s;
        for (size_t i = 0; i < width.size(); ++i) {
            const std::string& v = i < r.size() ? r[i] : "";
            s += v;
            if (i + 1 < width.size()) s += std::string(width[i] - displayWidth(v) + 2, ' ');
        }
        while (!s.empty() && s.back() == ' ') s.pop_back();
        out << s << "\n";
    };
    line(headers_);
    for (const auto& r : rows_) line(r);
}

bool colourWanted(bool stdoutIsTerminal, const char* noColor) { return stdoutIsTerminal && !(noColor && *noColor); }

bool colourOnStdout() { return colourWanted(::isatty(STDOUT_FILENO) == 1, std::getenv("NO_COLOR")); }

std::string statusText(const std::string& status) { return statusText(status, colourOnStdout()); }

namespace {

// Green for live, red for what did not go live, grey for replaced, yellow for anything in progress.
const char* colourCode(const std::string& status) {
    using enum store::DeploymentStatus;
    switch (store::parseDeploymentStatus(status).value_or(Pending)) {
        case Running: return "32";
        case Failed:
        case Cancelled:
        case RolledBack: return "31";
        case Replaced: return "90";
        default: return "33";
    }
}

}  // namespace

std::string statusText(const std::string& status, bool colour) {
    if (!colour) return status;
    return std::string("\033[") + colourCode(status) + "m" + status + "\033[0m";
}

void printFields(std::ostream& out, const std::vector<std::pair<std::string, std::string>>& fields) {
    size_t w = 0;
    for (const auto& [k, v] : fields) w = std::max(w, k.size());
    for (const auto& [k, v] : fields) out << k << ":" << std::string(w - k.size() + 1, ' ') << v << "\n";
}

void printJson(const nlohmann::json& j) { std::cout << j.dump(2) << "\n"; }

std::string cell(const nlohmann::json& j) {
    if (j.is_null()) return "-";
    if (j.is_string()) return j.get<std::string>();
    return j.dump();
}

std::string shortSha(const nlohmann::json& sha) { return sha.is_string() ? sha.get<std::string>().substr(0, 12) : "-"; }

int printPruneOutcomes(const nlohmann::json& report, const char* idKey, const char* noun) {
    std::size_t refused = 0;
    for (const auto& o : report["outcomes"]) {
        if (o["removed"] == true) {
            std::cout << "removed " << cell(o[idKey]) << "\n";
        } else {
            ++refused;
            std::cerr << "kept " << cell(o[idKey]) << ": " << cell(o["error"]) << "\n";
        }
    }
    std::cout << "removed " << report["outcomes"].size() - refused << " " << noun << "s (" << humanBytes(report["removed_size_bytes"]) << ")\n";
    return refused == 0 ? 0 : 1;
}

std::string humanBytes(const nlohmann::json& bytes) {
    if (!bytes.is_number()) return "-";
    double v = bytes.get<double>();
    static const char* units[] = {"B", "kB", "MB", "GB", "TB"};
    std::size_t u = 0;
    while (v >= 1000 && u + 1 < std::size(units)) {
        v /= 1000;
        ++u;
    }
    char buf[32];
    std::snprintf(buf, sizeof buf, u == 0 ? "%.0f%s" : (v < 10 ? "%.2f%s" : v < 100 ? "%.1f%s" : "%.0f%s"), v, units[u]);
    return buf;
}

std::string headline(const nlohmann::json& text, std::size_t max) {
    if (!text.is_string() || text.get<std::string>().empty()) return "-";
    auto s = text.get<std::string>();
    s = s.substr(0, s.find('\n'));
    if (s.size() <= max) return s;
    auto cut = max;
    while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;  // a continuation byte
    return s.substr(0, cut) + "…";
}

std::string authorName(const nlohmann::json& author) {
    if (!author.is_string() || author.get<std::string>().empty()) return "-";
    auto s = author.get<std::string>();
    auto lt = s.find(" <");
    return lt == std::string::npos ? s : s.substr(0, lt);
}

}  // namespace rivetr::cli
