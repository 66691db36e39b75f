// The Builder seam: shared pieces (tool lookup, writing a generated Dockerfile).
#include "builders/builder.hpp"

#include <fstream>

#include "core/subprocess.hpp"

namespace rivetr::builders {

ToolLocator systemTools() {
    return [](const std::string& program) { return findExecutable(program); };
}

void writeGeneratedDockerfile(const BuildPlan& plan) {
    if (plan.generatedDockerfile.empty()) return;
    auto path = plan.contextDir / plan.dockerfile;
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << plan.generatedDockerfile;
    if (!out) throw std::runtime_error("cannot write the generated Dockerfile to " + path.string());
}

}  // namespace rivetr::builders
