//===--- FastEngineFuzzer.cpp - libFuzzer over the fast engine ------------===//
//
// Any bytes, as a C++ file: the engine must neither crash nor read out of
// bounds, whatever tree-sitter makes of them. Every check runs; inputs
// without a coroutine keyword are also linted with a configuration whose
// wildcard list defeats the word prefilter, so the checks see them too.
//
//===----------------------------------------------------------------------===//

#include "driver/fast/FastEngine.h"
#include "driver/fast/Nolint.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace {

const corolint::fast::Engine &defaultEngine() {
  static const corolint::fast::Engine Engine{corolint::fast::Options{}};
  return Engine;
}

const corolint::fast::Engine &everyFileEngine() {
  static const corolint::fast::Engine Engine{[] {
    corolint::fast::Options Opts;
    Opts.CheckOptions["async-nested-run.RunFunctions"] = "aio::*;run";
    return Opts;
  }()};
  return Engine;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  std::string_view Source(reinterpret_cast<const char *>(Data), Size);
  defaultEngine().lint(Source);
  everyFileEngine().lint(Source);
  corolint::fast::NolintDirectives(Source).suppresses("async-blocking-call", 1);
  return 0;
}
