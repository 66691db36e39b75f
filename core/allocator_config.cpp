// jemalloc's built-in options for the executables linked with it (cmake: rivetr_link_allocator).
//
// One arena: every thread's small blocks still come from its own lock-free thread cache (the proxy's
// coroutine frames and header fields), while big blocks, the control API's 670 KB answers built on
// one Pistache thread and freed on another, are reused from one shared pool of dirty pages instead
// of several per-thread pools that each purge on their own clock. Measured with rivetr-api-bench
// 1000 2000 under `perf stat -e minor-faults`: 5.1-5.2k faults and 28-29 MB RSS with one arena,
// 10-44k faults and 30 MB with jemalloc's default (8 arenas on 2 cores), 7.9k and 46 MB with glibc.
extern "C" {
// NOLINTNEXTLINE: jemalloc reads this exact global name at start-up.
const char* malloc_conf = "narenas:1";
}
