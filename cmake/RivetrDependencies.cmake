# Every third-party library comes from a Debian -dev package (scripts/setup.sh installs them).
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)
find_package(GTest REQUIRED)
find_package(OpenSSL REQUIRED)
find_package(CURL REQUIRED)
find_package(SQLite3 REQUIRED)
find_package(nlohmann_json 3.10 REQUIRED)
find_package(spdlog REQUIRED)
find_package(Boost 1.74 REQUIRED)
find_package(LibArchive REQUIRED)
find_package(ZLIB REQUIRED)  # gzip answers of the control API
pkg_check_modules(PISTACHE REQUIRED IMPORTED_TARGET libpistache)
pkg_check_modules(LIBGIT2 REQUIRED IMPORTED_TARGET libgit2)
pkg_check_modules(TOMLPP REQUIRED IMPORTED_TARGET tomlplusplus)
pkg_check_modules(ARGON2 REQUIRED IMPORTED_TARGET libargon2)
# Compose files: libfyaml expands merge keys (<<), which yaml-cpp reads as a literal key (jbeder/yaml-cpp#41).
pkg_check_modules(LIBFYAML REQUIRED IMPORTED_TARGET libfyaml)

# jemalloc for the executables that serve traffic. The proxy's coroutine frames and Beast's header
# fields are small blocks that live across suspensions of many sessions at once; glibc's tcache keeps
# 7 per size, so at 200 connections most of them fell through to the locked arena path
# (callgrind, bench/proxy_instructions.sh with CONNS=200: 25.5-28k instructions per request with
# glibc, 22.7-23.3k with jemalloc). Sanitizer builds keep their own allocator.
option(RIVETR_JEMALLOC "Link the serving executables with jemalloc (off: glibc malloc, for comparison)" ON)
if(RIVETR_JEMALLOC AND NOT RIVETR_SANITIZE AND NOT RIVETR_TSAN)
  pkg_check_modules(JEMALLOC REQUIRED IMPORTED_TARGET jemalloc)
endif()
function(rivetr_link_allocator target)
  if(TARGET PkgConfig::JEMALLOC)
    target_link_libraries(${target} PRIVATE PkgConfig::JEMALLOC)
    # Part of the executable itself: from a static library the linker would drop the unreferenced symbol.
    target_sources(${target} PRIVATE ${CMAKE_SOURCE_DIR}/core/allocator_config.cpp)
  endif()
endfunction()
