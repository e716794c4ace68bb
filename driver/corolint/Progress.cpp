//===--- Progress.cpp - a progress bar for people, never for CI logs ------===//

#include "Progress.h"

#include "llvm/Support/Process.h"

#include <cstdlib>
#include <string>

namespace corolint {

constexpr size_t BarWidth = 30;

bool progressWanted() {
  return !std::getenv("CI") && llvm::sys::Process::StandardOutIsDisplayed() &&
         llvm::sys::Process::StandardErrIsDisplayed();
}

void ProgressBar::update(size_t Done, size_t Total) {
  size_t Filled = Total ? BarWidth * Done / Total : BarWidth;
  std::string Bar(Filled, '=');
  if (Filled < BarWidth)
    Bar += '>' + std::string(BarWidth - Filled - 1, ' ');
  OS << "\r[" << Bar << "] " << Done << "/" << Total << " translation units";
  OS.flush();
  Drawn = true;
}

void ProgressBar::finish() {
  if (!Drawn)
    return;
  OS << "\r\x1b[K"; // erase the line so findings start clean
  OS.flush();
  Drawn = false;
}

} // namespace corolint
