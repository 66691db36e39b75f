// Splits a newline-delimited JSON stream that arrives cut at arbitrary points into whole lines.
#include "runtime/ndjson_splitter.hpp"

namespace rivetr::runtime {
namespace {

void emit(std::string_view line, const NdjsonSplitter::LineFn& onLine) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (!line.empty()) onLine(line);
}

}  // namespace

void NdjsonSplitter::feed(std::string_view chunk, const LineFn& onLine) {
    for (auto nl = chunk.find('\n'); nl != std::string_view::npos; nl = chunk.find('\n')) {
        if (partial_.empty()) {
            emit(chunk.substr(0, nl), onLine);
        } else {
            partial_.append(chunk.substr(0, nl));
            std::string line = std::move(partial_);
            partial_.clear();
            emit(line, onLine);
        }
        chunk.remove_prefix(nl + 1);
    }
    partial_.append(chunk);
}

void NdjsonSplitter::finish(const LineFn& onLine) {
    std::string line = std::move(partial_);
    partial_.clear();
    emit(line, onLine);
}

}  // namespace rivetr::runtime
