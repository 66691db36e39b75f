// A stack's stored variables (secret ones encrypted at rest) and the revisions it was deployed at.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/secret_box.hpp"
#include "store/store.hpp"

namespace rivetr::store {

struct StackVar {
    std::string key;
    std::string value;  // plaintext in memory only
    bool secret = false;
};

struct StackRevision {
    std::string stack;
    std::int64_t revision = 0;
    std::string compose;
    std::optional<std::string> envFile;
    std::string status;  // deploying | deployed | failed
    std::optional<std::string> error, service;
    std::string actor;
    std::int64_t startedAt = 0;
    std::optional<std::int64_t> finishedAt;
};

class StackRepository {
public:
    StackRepository(Store& store, SecretBox box) : store_(store), box_(box) {}

    std::vector<StackVar> vars(const std::string& stack);
    // Afterwards the stack has exactly `vars` (one transaction).
    void replaceVars(const std::string& stack, const std::vector<StackVar>& vars);

    // A new revision in state `deploying`, numbered after the stack's last one; returns its number.
    std::int64_t beginRevision(const std::string& stack, const std::string& compose, const std::optional<std::string>& envFile,
                               const std::string& actor);
    void finishRevision(const std::string& stack, std::int64_t revision, const std::string& status,
                        const std::optional<std::string>& error = std::nullopt, const std::optional<std::string>& service = std::nullopt);
    // Newest first.
    std::vector<StackRevision> revisions(const std::string& stack, int limit = 50);
    // The newest revision that deployed (what runs, as far as Rivetr put it there).
    std::optional<StackRevision> deployedRevision(const std::string& stack);
    // Revisions a crash left `deploying` become `failed` ("interrupted"); returns the stacks concerned.
    std::vector<std::string> failInterrupted();

    // Variables and revisions of the stack (its files are the caller's).
    void removeStack(const std::string& stack);

private:
    Store& store_;
    SecretBox box_;
};

}  // namespace rivetr::store
