// What is wrong with a compose file, where: file, line and key, so the editor can mark the line.
#pragma once

#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>

namespace rivetr::stacks {

struct ComposeIssue {
    std::string file;  // compose.yaml, .env, an env_file's path
    int line = 0;      // 1-based, 0 when the issue is about the file as a whole
    std::string key;   // services.web.ports[1]; "" for the file
    std::string message;

    nlohmann::json toJson() const { return {{"file", file}, {"line", line}, {"key", key}, {"message", message}}; }
};

// Every issue a validation found (not just the first), thrown before anything is created.
class ComposeInvalid : public std::runtime_error {
public:
    explicit ComposeInvalid(std::vector<ComposeIssue> issues)
        : std::runtime_error(summary(issues)), issues_(std::move(issues)) {}
    const std::vector<ComposeIssue>& issues() const { return issues_; }

private:
    static std::string summary(const std::vector<ComposeIssue>& issues) {
        if (issues.empty()) return "invalid compose file";
        const ComposeIssue& i = issues.front();
        std::string where = i.file + (i.line > 0 ? ":" + std::to_string(i.line) : "");
        std::string more = issues.size() > 1 ? " (and " + std::to_string(issues.size() - 1) + " more)" : "";
        return where + ": " + (i.key.empty() ? "" : i.key + ": ") + i.message + more;
    }
    std::vector<ComposeIssue> issues_;
};

// Collects issues while a loader keeps going, so one validation reports all it can.
class IssueList {
public:
    explicit IssueList(std::string file) : file_(std::move(file)) {}
    void add(int line, std::string key, std::string message) {
        issues_.push_back({file_, line, std::move(key), std::move(message)});
    }
    void add(ComposeIssue issue) { issues_.push_back(std::move(issue)); }
    bool empty() const { return issues_.empty(); }
    const std::string& file() const { return file_; }
    void throwIfAny() const {
        if (!issues_.empty()) throw ComposeInvalid(issues_);
    }

private:
    std::string file_;
    std::vector<ComposeIssue> issues_;
};

}  // namespace rivetr::stacks
