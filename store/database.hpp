// A thin RAII layer over one SQLite connection: statements with typed binds and columns, transactions.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "core/non_copyable.hpp"


namespace rivetr::store {

class DbError : public std::runtime_error {
public:
    DbError(int code, const std::string& what) : std::runtime_error(what), code_(code) {}
    int code() const { return code_; }
    // SQLITE_CONSTRAINT and its extended codes: a UNIQUE/FK/CHECK violation, i.e. bad input.
    bool isConstraint() const { return (code_ & 0xff) == SQLITE_CONSTRAINT; }

private:
    int code_;
};

class Statement : NonCopyable {
public:
    Statement(sqlite3* db, std::string_view sql);
    ~Statement();
    Statement(Statement&&) noexcept;
    Statement& operator=(Statement&&) = delete;

    Statement& bind(int index, std::int64_t v);
    Statement& bind(int index, int v) { return bind(index, static_cast<std::int64_t>(v)); }
    Statement& bind(int index, std::string_view v);
    Statement& bind(int index, const char* v) { return bind(index, std::string_view(v)); }
    Statement& bind(int index, const std::vector<std::uint8_t>& blob);
    Statement& bindNull(int index);
    Statement& bind(int index, bool v) { return bind(index, static_cast<std::int64_t>(v ? 1 : 0)); }
    template <typename T>
    Statement& bind(int index, const std::optional<T>& v) {
        return v ? bind(index, *v) : bindNull(index);
    }
    // Binds the values to the parameters first, first+1, ... in order, so a long INSERT lists its
    // fields once, in the order of its column list, without a hand-kept index per line.
    template <typename... T>
    Statement& bindFrom(int first, const T&... values) {
        int index = first;
        (bind(index++, values), ...);
        return *this;
    }
    template <typename... T>
    Statement& bindAll(const T&... values) {
        return bindFrom(1, values...);
    }

    // true while a row is available.
    bool step();
    // Runs to completion; returns sqlite3_changes().
    int exec();
    void reset();

    bool isNull(int col) const;
    std::int64_t getInt(int col) const;
    std::string getText(int col) const;
    std::optional<std::string> getOptText(int col) const;
    std::optional<std::int64_t> getOptInt(int col) const;
    std::vector<std::uint8_t> getBlob(int col) const;

    // Reads the columns first, first+1, ... into the given fields, each by its type (std::string,
    // an integer, bool, std::optional of text or integer, a blob); returns the next column's index.
    template <typename... T>
    int columnsFrom(int first, T&... out) const {
        int col = first;
        (column(col++, out), ...);
        return col;
    }

    // Steps through every row, turning each into a value with read(statement).
    template <typename Read>
    auto rows(Read read) {
        std::vector<std::decay_t<decltype(read(*this))>> out;
        while (step()) out.push_back(read(*this));
        return out;
    }

    void column(int col, std::string& out) const { out = getText(col); }
    void column(int col, std::int64_t& out) const { out = getInt(col); }
    void column(int col, int& out) const { out = static_cast<int>(getInt(col)); }
    void column(int col, bool& out) const { out = getInt(col) != 0; }
    void column(int col, std::optional<std::string>& out) const { out = getOptText(col); }
    void column(int col, std::optional<std::int64_t>& out) const { out = getOptInt(col); }
    void column(int col, std::vector<std::uint8_t>& out) const { out = getBlob(col); }

private:
    sqlite3* db_;
    sqlite3_stmt* stmt_ = nullptr;
};

class Database : NonCopyable {
public:
    // Opens (creating) the file with WAL, foreign keys on, and a busy timeout so a reader
    // never fails on a momentary write lock.
    static Database open(const std::filesystem::path& path);
    ~Database();
    Database(Database&&) noexcept;
    Database& operator=(Database&&) = delete;

    void exec(std::string_view sql);  // one or more statements, no results
    Statement prepare(std::string_view sql) { return Statement(db_, sql); }
    std::int64_t lastInsertRowId() const { return sqlite3_last_insert_rowid(db_); }
    sqlite3* handle() const { return db_; }

private:
    explicit Database(sqlite3* db) : db_(db) {}
    sqlite3* db_;
};

// BEGIN IMMEDIATE on construction (take the write lock up front, so a transaction never
// fails half-way on SQLITE_BUSY); ROLLBACK on destruction unless commit() was called.
class Transaction : NonCopyable {
public:
    explicit Transaction(Database& db);
    ~Transaction();
    void commit();

private:
    Database& db_;
    bool done_ = false;
};

}  // namespace rivetr::store
