// What aio_io_bench.cpp and asio_io_bench.cpp share, so both measure exactly the same
// workloads: the workload table, the command line (--seconds S --repeat N --only WORKLOAD)
// and the JSON line scripts/bench io reads ({"ping_pong_1": best, ...}).
#pragma once

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
                                               {"stream_1", true, 1, 1e-6},
                                               {"stream_100", true, 100, 1e-6}};

struct io_bench_options {
  double seconds = 1.0;
  int repeat = 3;
  const char* only = nullptr;  // one workload, for profiling
};

inline io_bench_options parse_io_bench_options(int argc, char** argv, int first) {
  io_bench_options options;
  for (int i = first; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--seconds") == 0) options.seconds = std::atof(argv[i + 1]);
    if (std::strcmp(argv[i], "--repeat") == 0) options.repeat = std::atoi(argv[i + 1]);
    if (std::strcmp(argv[i], "--only") == 0) options.only = argv[i + 1];
  }
  return options;
}

// Runs each workload `repeat` times through `measure(workload, seconds)` (operations or bytes
// per CPU second; negative on failure) and prints the best of each as one JSON line.
template <class Measure>
int print_io_bench(const io_bench_options& options, Measure measure) {
  std::printf("{");
  const char* separator = "";
  for (const io_workload& w : io_workloads) {
    if (options.only && std::strcmp(options.only, w.name) != 0) continue;
    double best = 0;
    for (int r = 0; r < options.repeat; ++r) {
      double result = measure(w, options.seconds);
      if (result < 0) return 1;
      best = std::max(best, result * w.scale);
    }
    std::printf("%s\"%s\": %.1f", separator, w.name, best);
    separator = ", ";
  }
  std::printf("}\n");
  return 0;
}
