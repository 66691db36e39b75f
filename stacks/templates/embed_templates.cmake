# Script mode: writes OUTPUT, a C++ file holding every TEMPLATES_DIR/<id>/<file> as a string, so the
# templates ship inside the binary. Run at build time by stacks/CMakeLists.txt (like cmake/EmbedMigrations.cmake).
if(NOT TEMPLATES_DIR OR NOT OUTPUT)
  message(FATAL_ERROR "usage: cmake -DTEMPLATES_DIR=<dir> -DOUTPUT=<file.cpp> -P embed_templates.cmake")
endif()
file(GLOB files LIST_DIRECTORIES false RELATIVE "${TEMPLATES_DIR}" "${TEMPLATES_DIR}/*/*")
list(SORT files)
if(NOT files)
  message(FATAL_ERROR "no template files under ${TEMPLATES_DIR}")
endif()
set(body "")
foreach(rel ${files})
  file(READ "${TEMPLATES_DIR}/${rel}" content)
  # The raw string ends at )rivetr_tpl" : a file holding that sequence would end it early.
  string(FIND "${content}" ")rivetr_tpl\"" clash)
  if(NOT clash EQUAL -1)
    message(FATAL_ERROR "${TEMPLATES_DIR}/${rel} contains the raw-string delimiter )rivetr_tpl\"")
  endif()
  string(APPEND body "    {\"${rel}\", R\"rivetr_tpl(${content})rivetr_tpl\"},\n")
endforeach()
file(WRITE "${OUTPUT}.tmp" "// Generated from stacks/templates/*/* by stacks/templates/embed_templates.cmake: do not edit.
#include <span>
#include <string_view>
#include <utility>

namespace rivetr::stacks {

// Constant data, not a global container: nothing runs or is copied at start-up, and an idle server never
// touches these pages (a std::vector of std::string here cost every `rivetr serve` its copy on the heap).
std::span<const std::pair<std::string_view, std::string_view>> embeddedTemplateFiles() {
    static constexpr std::pair<std::string_view, std::string_view> files[] = {
${body}    };
    return files;
}

}  // namespace rivetr::stacks
")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUTPUT}.tmp")
