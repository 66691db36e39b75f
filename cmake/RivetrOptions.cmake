# Build options shared by every module: ccache, warnings-as-errors for our code, sanitizers.
option(RIVETR_SANITIZE "Build with AddressSanitizer + UndefinedBehaviorSanitizer" OFF)
option(RIVETR_TSAN "Build with ThreadSanitizer (proxy and engine tests)" OFF)
option(RIVETR_WERROR "Treat warnings in Rivetr's own code as errors" ON)

find_program(CCACHE_PROGRAM ccache)
if(CCACHE_PROGRAM)
  set(CMAKE_CXX_COMPILER_LAUNCHER ${CCACHE_PROGRAM})
  set(CMAKE_C_COMPILER_LAUNCHER ${CCACHE_PROGRAM})
endif()

if(RIVETR_SANITIZE AND RIVETR_TSAN)
  message(FATAL_ERROR "RIVETR_SANITIZE and RIVETR_TSAN are exclusive")
endif()
if(RIVETR_SANITIZE)
  # GCC 12 reports -Wmaybe-uninitialized false positives inside <regex> and <optional> once the
  # sanitizers instrument them; the release build keeps the warning as an error.
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
                      -Wno-maybe-uninitialized)
  add_link_options(-fsanitize=address,undefined)
endif()
if(RIVETR_TSAN)
  add_compile_options(-fsanitize=thread -fno-omit-frame-pointer)
  add_link_options(-fsanitize=thread)
endif()

# Applied per target (not globally) so third-party headers pulled as SYSTEM stay quiet.
function(rivetr_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
    -Wold-style-cast -Wcast-align -Woverloaded-virtual -Wnull-dereference -Wimplicit-fallthrough)
  if(RIVETR_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()

# A module library: sources listed by the caller, include root is the repository top,
# so code says #include "core/config.hpp".
function(rivetr_module name)
  cmake_parse_arguments(M "" "" "SOURCES;DEPS" ${ARGN})
  add_library(${name} STATIC ${M_SOURCES})
  target_include_directories(${name} PUBLIC ${CMAKE_SOURCE_DIR} ${CMAKE_BINARY_DIR}/generated)
  target_link_libraries(${name} PUBLIC ${M_DEPS})
  rivetr_warnings(${name})
endfunction()

# A GoogleTest executable beside the code it tests; LABEL is unit | integration | e2e | soak. COST (optional)
# makes a parallel ctest start a long test early, beside the others, rather than last on its own.
function(rivetr_test name)
  # SERIAL: runs alone (ctest RUN_SERIAL), e.g. a test that restarts the shared dockerd.
  # COST: a high one makes a parallel ctest start a long test first.
  cmake_parse_arguments(T "SERIAL" "LABEL;TIMEOUT;COST" "SOURCES;DEPS" ${ARGN})
  if(NOT T_LABEL)
    set(T_LABEL unit)
  endif()
  if(NOT T_TIMEOUT)
    set(T_TIMEOUT 300)
  endif()
  add_executable(${name} ${T_SOURCES})
  # `unit_tests` builds only the unit-test executables (the sanitizer run needs nothing else).
  if(T_LABEL STREQUAL "unit")
    if(NOT TARGET unit_tests)
      add_custom_target(unit_tests)
    endif()
    add_dependencies(unit_tests ${name})
  endif()
  target_link_libraries(${name} PRIVATE ${T_DEPS} GTest::gtest GTest::gmock GTest::gtest_main)
  rivetr_warnings(${name})
  set(props LABELS ${T_LABEL} TIMEOUT ${T_TIMEOUT} RUN_SERIAL ${T_SERIAL})
  if(T_COST)
    list(APPEND props COST ${T_COST})
  endif()
  gtest_discover_tests(${name} DISCOVERY_MODE PRE_TEST PROPERTIES ${props})
endfunction()
