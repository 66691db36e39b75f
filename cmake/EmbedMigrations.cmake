# Script mode: writes OUTPUT, a C++ file holding every migrations/NNN_name.sql as a string, in order.
file(GLOB files "${MIGRATIONS_DIR}/[0-9][0-9][0-9]_*.sql")
list(SORT files)
set(body "")
foreach(f ${files})
  get_filename_component(name "${f}" NAME_WE)
  string(SUBSTRING "${name}" 0 3 version)
  math(EXPR version "${version}")
  string(SUBSTRING "${name}" 4 -1 label)
  file(READ "${f}" sql)
  string(FIND "${sql}" ")rivetr_sql\"" clash)
  if(NOT clash EQUAL -1)
    message(FATAL_ERROR "${f} contains the raw-string delimiter")
  endif()
  string(APPEND body "    {${version}, \"${label}\", R\"rivetr_sql(${sql})rivetr_sql\"},\n")
endforeach()
file(WRITE "${OUTPUT}.tmp" "// Generated from migrations/*.sql by cmake/EmbedMigrations.cmake: do not edit.
#include \"store/migration.hpp\"

namespace rivetr::store {

const std::vector<Migration>& embeddedMigrations() {
    static const std::vector<Migration> migrations{
${body}    };
    return migrations;
}

}  // namespace rivetr::store
")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUTPUT}.tmp")
