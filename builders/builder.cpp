// The Builder seam: shared pieces (tool lookup, writing a generated Dockerfile).
#include "builders/builder.hpp"

#include "core/file_write.hpp"
#include "core/subprocess.hpp"

namespace rivetr::builders {

ToolLocator systemTools() {
    return [](const std::string& program) { return findExecutable(program); };
}

void writeGeneratedDockerfile(const BuildPlan& plan) {
    if (plan.generatedDockerfile.empty()) return;
    writeFileChecked(plan.contextDir / plan.dockerfile, plan.generatedDockerfile);
}

}  // namespace rivetr::builders
