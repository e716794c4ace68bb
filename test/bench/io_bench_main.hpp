// What aio_io_bench.cpp and asio_io_bench.cpp share, so both measure exactly the same
// workloads: the workload table, the command line (--seconds S --repeat N --only WORKLOAD
// --count), the descriptor limit, and the JSON line scripts/bench io reads
// ({"ping_pong_1": best, ..., "peak_rss_mib": rss}).
#pragma once

#include <sys/resource.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>

struct io_workload {
  const char* name;
  bool streaming;   // 64 KiB writes into a sink; otherwise 64 B ping-pong
  int connections;
  double scale;     // operations or bytes per CPU second -> the printed unit (MB for streams)
};

inline constexpr io_workload io_workloads[] = {{"ping_pong_1", false, 1, 1},
                                               {"ping_pong_100", false, 100, 1},
                                               {"ping_pong_1000", false, 1000, 1},
                                               {"ping_pong_10000", false, 10000, 1},
                                               {"stream_1", true, 1, 1e-6},
                                               {"stream_100", true, 100, 1e-6}};

struct io_bench_options {
  double seconds = 1.0;
  int repeat = 3;
  const char* only = nullptr;  // one workload, for profiling, peak RSS and syscall counts
  bool count = false;          // print the operations of the last run instead of the rate
};

// What one run measured: operations (round trips, or bytes) and the process CPU seconds they took.
struct io_run {
  double operations = 0;
  double cpu_seconds = 0;
};

inline io_bench_options parse_io_bench_options(int argc, char** argv, int first) {
  io_bench_options options;
  for (int i = first; i < argc; ++i) {
    if (std::strcmp(argv[i], "--count") == 0) options.count = true;
    if (i + 1 >= argc) continue;
    if (std::strcmp(argv[i], "--seconds") == 0) options.seconds = std::atof(argv[i + 1]);
    if (std::strcmp(argv[i], "--repeat") == 0) options.repeat = std::atoi(argv[i + 1]);
    if (std::strcmp(argv[i], "--only") == 0) options.only = argv[i + 1];
  }
  return options;
}

// Both ends of every connection live in this process: raises the descriptor limit to its
// ceiling and gives how many connections fit under it (a hard limit of 20,000 holds 9,950).
inline int connections_that_fit(int wanted) {
  rlimit limit{};
  ::getrlimit(RLIMIT_NOFILE, &limit);
  limit.rlim_cur = limit.rlim_max;
  ::setrlimit(RLIMIT_NOFILE, &limit);
  const long fit = (static_cast<long>(limit.rlim_cur) - 100) / 2;
  if (fit < wanted) std::fprintf(stderr, "io bench: RLIMIT_NOFILE %ld holds %ld connections, not %d\n",
                                 static_cast<long>(limit.rlim_cur), fit, wanted);
  return static_cast<int>(std::min<long>(wanted, fit));
}

inline double peak_rss_mib() {
  rusage usage{};
  ::getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

// Runs each workload `repeat` times through `measure(workload, connections, seconds)` (an
// io_run; negative operations on failure) and prints the best rate of each as one JSON line,
// with the process's peak RSS (run one workload per process with --only to tell them apart).
template <class Measure>
int print_io_bench(const io_bench_options& options, Measure measure) {
  std::printf("{");
  for (const io_workload& w : io_workloads) {
    if (options.only && std::strcmp(options.only, w.name) != 0) continue;
    const int connections = connections_that_fit(w.connections);
    double best = 0, last_operations = 0;
    for (int r = 0; r < options.repeat; ++r) {
      io_run run = measure(w, connections, options.seconds);
      if (run.operations < 0) return 1;
      last_operations = run.operations;
      best = std::max(best, run.operations / run.cpu_seconds * w.scale);
    }
    std::printf("\"%s\": %.1f, ", w.name, options.count ? last_operations : best);
  }
  std::printf("\"peak_rss_mib\": %.1f}\n", peak_rss_mib());
  return 0;
}
