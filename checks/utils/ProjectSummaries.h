//===--- ProjectSummaries.h - the project's summary file, in the editor ---===//
//
// corolint-clangd and the clang-tidy plugin see one file. When the
// async-blocking-call option SummaryFile names the project's merged summaries
// (written by `corolint --summaries-out` or `corolint merge`), the check
// answers its open questions from them at once. A summary is believed only
// while the file it came from has the content it was written from: a
// function whose file changed since is left out (silence, never a finding on
// code that changed), and the unit being edited is summarized afresh.
//
//===----------------------------------------------------------------------===//
#ifndef COROLINT_CHECKS_UTILS_PROJECTSUMMARIES_H
#define COROLINT_CHECKS_UTILS_PROJECTSUMMARIES_H

#include "checks/model/ProgramSummary.h"
#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace corolint {

/// The xxh3 hash of \p Path's bytes, as summaries and the result cache record
/// files; none when it cannot be read.
std::optional<uint64_t> contentHash(const std::string &Path);

/// The summary file \p Configured names for \p MainFile: an absolute path as
/// it is, a relative one in the nearest directory above the file that has it;
/// empty when there is none.
std::string findSummaryFile(llvm::StringRef Configured, llvm::StringRef MainFile);

/// The functions of the summary file at \p Path whose files still hash as
/// written (no questions); null when it cannot be read or is not a summary
/// file. Read again when it changes; sources are hashed again when theirs do.
std::shared_ptr<const ProgramSummaries> loadProjectSummaries(const std::string &Path);

/// \p Unit's open questions answered over the program \p Project describes,
/// with the functions of \p UnitFiles (read as the unit is now, perhaps an
/// editor's unsaved text) taken from \p Unit instead.
std::vector<CrossFileFinding> answerWithProject(const ProgramSummaries &Unit,
                                                const ProgramSummaries &Project,
                                                const std::set<std::string> &UnitFiles);

/// "storage.cpp:9": the file's name and the line of \p Offset in it, for a
/// note that cannot be placed in the unit reporting it.
std::string placeName(const std::string &File, unsigned Offset);

} // namespace corolint

#endif
