//===--- GithubFormat.cpp - GitHub Actions workflow commands --------------===//
//
// `::warning file=F,line=L,col=C,title=CHECK::MESSAGE`, which the runner turns
// into annotations on the pull request's diff.
//
//===----------------------------------------------------------------------===//

#include "Formats.h"
#include "driver/corolint/Fingerprint.h"

#include "driver/corolint/Inputs.h"

namespace corolint {
namespace {

/// The runner's escaping of a command's message.
std::string escapeData(llvm::StringRef Text) {
  std::string Escaped;
  for (char C : Text) {
    switch (C) {
    case '%': Escaped += "%25"; break;
    case '\r': Escaped += "%0D"; break;
    case '\n': Escaped += "%0A"; break;
    default: Escaped += C;
    }
  }
  return Escaped;
}

/// Properties also escape the separators ':' and ','.
std::string escapeProperty(llvm::StringRef Text) {
  std::string Escaped;
  for (char C : escapeData(Text)) {
    switch (C) {
    case ':': Escaped += "%3A"; break;
    case ',': Escaped += "%2C"; break;
    default: Escaped += C;
    }
  }
  return Escaped;
}

llvm::StringRef commandFor(Level L) {
  switch (L) {
  case Level::Error: return "error";
  case Level::Warning: return "warning";
  case Level::Note: return "notice";
  }
  llvm_unreachable("every level has a command");
}

} // namespace

void writeGithub(const Report &R, llvm::raw_ostream &OS) {
  // Annotations name files relative to the workspace, where the job runs.
  llvm::StringRef WorkingDirectory = startupDirectory();
  for (const Finding &F : R.Findings) {
    OS << "::" << commandFor(F.Severity) << " ";
    if (F.Where.isValid())
      OS << "file=" << escapeProperty(relativeToRoot(F.Where.File, WorkingDirectory))
         << ",line=" << F.Where.Line << ",col=" << F.Where.Column << ",";
    OS << "title=" << escapeProperty(F.Check) << "::" << escapeData(messageForPeople(F)) << "\n";
  }
}

} // namespace corolint
