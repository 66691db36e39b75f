// How client commands print: aligned tables for people, the API's JSON for scripts, colour only on a TTY.
#pragma once

#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <vector>

namespace rivetr::cli {

// Columns padded to their widest cell; an empty table prints `empty` instead.
class Table {
public:
    explicit Table(std::vector<std::string> headers) : headers_(std::move(headers)) {}
    void add(std::vector<std::string> row) { rows_.push_back(std::move(row)); }
    void print(std::ostream& out, const std::string& empty = "(none)") const;

private:
    std::vector<std::string> headers_;
    std::vector<std::vector<std::string>> rows_;
};

// Colour only on a terminal, and never when NO_COLOR is set to anything (no-color.org).
bool colourWanted(bool stdoutIsTerminal, const char* noColor);
// colourWanted for this process's stdout and environment.
bool colourOnStdout();
// A deployment status coloured by outcome (green running, red failed..., yellow in progress) on a TTY.
std::string statusText(const std::string& status);  // coloured when colourOnStdout()
std::string statusText(const std::string& status, bool colour);
// `key: value` lines, keys aligned.
void printFields(std::ostream& out, const std::vector<std::pair<std::string, std::string>>& fields);
void printJson(const nlohmann::json& j);
// A JSON value as a table cell: strings bare, null as "-".
std::string cell(const nlohmann::json& j);
// A commit SHA's first 12 characters; "-" for null.
std::string shortSha(const nlohmann::json& sha);
// The first line of a text, cut to `max` bytes (never inside a UTF-8 character) with "…"; "-" for null.
std::string headline(const nlohmann::json& text, std::size_t max = 50);
// Bytes as `docker images` shows them: 1000-based, three significant digits ("1.98MB", "512B", "-" for null).
std::string humanBytes(const nlohmann::json& bytes);
// An executed prune's `outcomes` ({<idKey>, removed, error}): "removed X" lines, the refusals on stderr,
// then "removed N <noun>s (size)" from `removed_size_bytes`. The exit code: 1 when any was refused.
int printPruneOutcomes(const nlohmann::json& report, const char* idKey, const char* noun);
// "Ann Smith" of "Ann Smith <ann@example.com>" (how commit authors are stored); "-" for null.
std::string authorName(const nlohmann::json& author);

}  // namespace rivetr::cli
