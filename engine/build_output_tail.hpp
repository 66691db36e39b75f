// The step a build was running and that step's last lines, so a failed build says where and why, not an engine code.
#pragma once

#include <cstddef>
#include <deque>
#include <string>
#include <string_view>

namespace rivetr::engine {

class BuildOutputTail {
public:
    explicit BuildOutputTail(std::size_t keep = 15) : keep_(keep) {}

    // Build output in any chunking; a "Step 2/3 : RUN make" (Docker) or "STEP 2/3: RUN make"
    // (Podman) line starts a new step and forgets the previous step's lines.
    void add(std::string_view text);

    // "step 2/3 (RUN make)", or empty when the output announced no step (another builder).
    const std::string& step() const { return step_; }

    // "<what> at step 2/3 (RUN make): <why>; its last output:\n<lines>" — each part only when known.
    std::string explain(const std::string& what, const std::string& why) const;

private:
    void addLine(std::string line);
    std::size_t keep_;
    std::string partial_, step_;
    std::deque<std::string> lines_;
};

}  // namespace rivetr::engine
