//===--- Pipeline.cpp - the steps of a run that do not depend on the engine ===//

#include "Pipeline.h"
#include "Baseline.h"
#include "CheckCatalog.h"
#include "Findings.h"

namespace corolint {

int runPipeline(LintSettings &S, std::vector<std::string> Files, const std::string &Root,
                bool InputsOk, const EngineSteps &Engine) {
  llvm::raw_ostream &Err = llvm::errs();
  ExcludeFilter Excluded;
  for (const std::string &Glob : S.Excludes)
    if (!Excluded.add(Glob, Err))
      return InputError;
  llvm::erase_if(Files, [&](const std::string &F) { return Excluded.excludes(F, Root); });
  // Nothing left before sharding is an error; an empty shard of many files is not.
  if (Files.empty() && InputsOk) {
    Err << "corolint: error: no files to lint\n";
    return InputError;
  }
  Files = selectShard(std::move(Files), S.Slice);

  llvm::Expected<std::optional<llvm::StringSet<>>> Baseline = loadBaseline(S.Baseline);
  if (!Baseline) {
    Err << "corolint: error: " << llvm::toString(Baseline.takeError()) << "\n";
    return InputError;
  }
  ConfigProblems Config = validateConfigFiles(S.Defaults, S.Overrides, Files, Err, S.StrictConfig);
  if (Config.Errors) {
    Err << "corolint: error: the configuration is invalid (see above)\n";
    return InputError;
  }

  Report R;
  R.SourceRoot = Root;
  R.Rules = asyncRules(S.DocsBaseUrl, S.DocsDirectory);
  R.MainSourceFile = Files.empty() ? "" : Files.front();
  bool Failed = !InputsOk;
  if (!Files.empty())
    Failed |= !Engine.Lint(Files, R, Config);
  // A header included by a linted file may be excluded too.
  llvm::erase_if(R.Findings, [&](const Finding &F) {
    return F.Where.isValid() && Excluded.excludes(F.Where.File, Root);
  });

  llvm::Expected<unsigned> Baselined = applyBaseline(S.WriteBaseline, *Baseline, R);
  if (!Baselined) {
    Err << "corolint: error: " << llvm::toString(Baselined.takeError()) << "\n";
    return InputError;
  }
  if (!writeReport(S, R))
    return InputError;
  if (Engine.AfterReport)
    Failed |= !Engine.AfterReport(R);

  unsigned CheckFindings = printFindingCount(Err, R.Findings, *Baselined, Files.size(),
                                             S.Started.elapsed());
  if (Failed)
    return InputError;
  return CheckFindings ? FindingsReported : Clean;
}

} // namespace corolint
