//===--- Summaries.cpp - a translation unit's part of the whole program ---===//

#include "Summaries.h"
#include "Coroutines.h"
#include "HelperSearch.h"
#include "ProjectSummaries.h"
#include "Names.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/FileManager.h"
#include "clang/Index/USRGeneration.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/xxhash.h"

#include <map>

using namespace clang;

namespace corolint {
namespace {

thread_local ProgramSummaries *CurrentOutput = nullptr;

const NameList NoneKnown;

/// Every function definition under the traversal scope, instantiations too:
/// a template defined in a header runs in the unit that instantiates it.
class DefinitionFinder : public RecursiveASTVisitor<DefinitionFinder> {
public:
  bool shouldVisitTemplateInstantiations() const { return true; }
  bool shouldVisitImplicitCode() const { return false; }
  bool VisitFunctionDecl(FunctionDecl *Function) {
    if (Function->doesThisDeclarationHaveABody() && !Function->isDependentContext())
      Definitions.push_back(Function);
    return true;
  }
  std::vector<const FunctionDecl *> Definitions;
};

} // namespace

SummaryScope::SummaryScope(ProgramSummaries &Out) : Outer(CurrentOutput) {
  CurrentOutput = &Out;
}

SummaryScope::~SummaryScope() { CurrentOutput = Outer; }

ProgramSummaries *summaryOutput() { return CurrentOutput; }

std::string summaryKey(const Decl &D) {
  llvm::SmallString<128> Usr;
  if (index::generateUSRForDecl(&D, Usr))
    return "";
  return std::string(Usr);
}

std::string unitAbsolutePath(llvm::StringRef Name, const SourceManager &Sources) {
  llvm::SmallString<256> Path(Name);
  // Relative to the compile command's directory (the file system's working
  // directory), not the process's: FileManager::makeAbsolutePath would use
  // the latter when no WorkingDir option is set.
  if (Sources.getFileManager().getVirtualFileSystem().makeAbsolute(Path))
    Sources.getFileManager().makeAbsolutePath(Path);
  return Path.str().str();
}

std::string summaryPath(FileEntryRef File, const SourceManager &Sources) {
  llvm::SmallString<256> Path(unitAbsolutePath(File.getName(), Sources));
  llvm::sys::path::remove_dots(Path, /*remove_dot_dot=*/true);
  return Path.str().str();
}

std::set<std::string> unitFiles(const SourceManager &Sources) {
  std::set<std::string> Files;
  for (auto File = Sources.fileinfo_begin(); File != Sources.fileinfo_end(); ++File)
    Files.insert(summaryPath(File->first, Sources));
  return Files;
}

const UnitSummarizer::FileFacts *UnitSummarizer::fileFacts(FileID File,
                                                            const SourceManager &Sources) {
  auto [It, New] = Files.try_emplace(File);
  if (New) {
    OptionalFileEntryRef Entry = Sources.getFileEntryRefForID(File);
    std::optional<llvm::MemoryBufferRef> Buffer = Sources.getBufferOrNone(File);
    if (Entry && Buffer)
      It->second = FileFacts{summaryPath(*Entry, Sources), llvm::xxh3_64bits(Buffer->getBuffer())};
  }
  return It->second ? &*It->second : nullptr;
}

namespace {

/// \p Offset of \p File as a location, when \p File is the unit's main file.
std::optional<SourceLocation> inMainFile(const std::string &File, unsigned Offset,
                                         const SourceManager &Sources) {
  FileID Main = Sources.getMainFileID();
  OptionalFileEntryRef Entry = Sources.getFileEntryRefForID(Main);
  std::optional<llvm::MemoryBufferRef> Buffer = Sources.getBufferOrNone(Main);
  if (!Entry || !Buffer || Offset > Buffer->getBufferSize() || summaryPath(*Entry, Sources) != File)
    return std::nullopt;
  return Sources.getLocForStartOfFile(Main).getLocWithOffset(Offset);
}

} // namespace

void EditorQuestions::clear() {
  Unit = ProgramSummaries();
  Places.clear();
}

void EditorQuestions::answer(llvm::StringRef Configured, bool UnitAlone,
                             const SourceManager &Sources, const Report &Diagnose) {
  if (Unit.Questions.empty())
    return;
  OptionalFileEntryRef Main = Sources.getFileEntryRefForID(Sources.getMainFileID());
  std::string Path = Main && !Configured.empty()
                         ? findSummaryFile(Configured, summaryPath(*Main, Sources))
                         : "";
  std::shared_ptr<const ProgramSummaries> Project =
      Path.empty() ? nullptr : loadProjectSummaries(Path);
  if (!Project && !UnitAlone)
    return; // missing or unreadable: each file on its own
  static const ProgramSummaries Nothing;
  std::map<std::pair<std::string, unsigned>, SourceLocation> AskedAt;
  for (size_t I = 0; I < Unit.Questions.size(); ++I)
    AskedAt.emplace(std::make_pair(Unit.Questions[I].File, Unit.Questions[I].Offset), Places[I]);
  for (const CrossFileFinding &Answer :
       answerWithProject(Unit, Project ? *Project : Nothing, unitFiles(Sources))) {
    auto Asked = AskedAt.find({Answer.File, Answer.Offset});
    if (Asked == AskedAt.end())
      continue;
    Diagnose(Asked->second, Answer.Message, DiagnosticIDs::Warning);
    // A step in the main file is noted there; the others' files may not be
    // in this unit: such a note is placed at the question and names its place.
    for (const PathNote &Step : Answer.Notes)
      if (std::optional<SourceLocation> At = inMainFile(Step.File, Step.Offset, Sources))
        Diagnose(*At, Step.message(), DiagnosticIDs::Note);
      else
        Diagnose(Asked->second, Step.message(placeName(Step.File, Step.Offset)),
                 DiagnosticIDs::Note);
  }
}

void EditorQuestions::finishUnit(ProgramSummaries &Out, llvm::StringRef Configured,
                                 bool UnitAlone, const SourceManager &Sources,
                                 const std::function<void(ProgramSummaries &)> &Summarize,
                                 tidy::ClangTidyCheck &Check) {
  bool Editing = &Out == &Unit;
  if (Editing && (Unit.Questions.empty() || (Configured.empty() && !UnitAlone)))
    return; // nothing to answer: the unit's own search settled every call
  Summarize(Out);
  if (Editing)
    answer(Configured, UnitAlone, Sources,
           [&](SourceLocation At, llvm::StringRef Text, DiagnosticIDs::Level Level) {
             Check.diag(At, "%0", Level) << Text;
           });
}

std::optional<std::pair<std::string, unsigned>> summaryPlace(SourceLocation Location,
                                                             const SourceManager &Sources) {
  // Where a diagnostic at Location is shown: a macro argument where it is written.
  SourceLocation Shown = Sources.getFileLoc(Location);
  if (Shown.isInvalid())
    return std::nullopt;
  auto [File, Offset] = Sources.getDecomposedLoc(Shown);
  OptionalFileEntryRef Entry = Sources.getFileEntryRefForID(File);
  if (!Entry)
    return std::nullopt;
  return std::make_pair(summaryPath(*Entry, Sources), Offset);
}

std::optional<std::pair<std::string, unsigned>>
UnitSummarizer::place(SourceLocation Location, const SourceManager &Sources) {
  SourceLocation Expansion = Sources.getExpansionLoc(Location);
  if (Expansion.isInvalid())
    return std::nullopt;
  auto [File, Offset] = Sources.getDecomposedLoc(Expansion);
  const FileFacts *Facts = fileFacts(File, Sources);
  if (!Facts)
    return std::nullopt;
  return std::make_pair(Facts->Path, Offset);
}

std::optional<FunctionSummary> UnitSummarizer::summarize(const FunctionDecl &Definition,
                                                         const SourceManager &Sources) {
  SourceLocation Where = Sources.getExpansionLoc(Definition.getLocation());
  if (Sources.isInSystemHeader(Where))
    return std::nullopt;
  FunctionSummary Summary;
  Summary.Key = summaryKey(Definition);
  const FileFacts *File = fileFacts(Sources.getFileID(Where), Sources);
  if (Summary.Key.empty() || !File)
    return std::nullopt;
  // A method is named with its class: the notes of a virtual call say which override.
  Summary.Name = Definition.getNameAsString();
  if (const auto *Method = llvm::dyn_cast<CXXMethodDecl>(&Definition);
      Method && Method->getParent()->getIdentifier())
    Summary.Name = Method->getParent()->getName().str() + "::" + Summary.Name;
  Summary.File = File->Path;
  Summary.FileHash = File->Hash;
  Summary.Offset = Sources.getFileOffset(Where);
  Summary.Enterable = isEnterableHelper(Definition, Sources, &NonBlockingHelpers);
  if (const auto *Method = llvm::dyn_cast<CXXMethodDecl>(&Definition))
    for (const CXXMethodDecl *Overridden : Method->overridden_methods())
      if (std::string Key = summaryKey(*Overridden); !Key.empty())
        Summary.Overrides.push_back(std::move(Key));
  if (!Summary.Enterable)
    return Summary;
  for (const Expr *Call : callsIn(Definition)) {
    SummaryCall Made;
    if (std::optional<BlockingOperation> Operation = Blocking(*Call)) {
      Made.Kind = Operation->Kind;
      Made.Blocks = Operation->Name;
    }
    const FunctionDecl *Callee = calleeOf(*Call);
    if (Callee && isListed(*Callee, Runners))
      Made.Runs = loopRunnerName(*Callee);
    else if (Callee &&
             !Sources.isInSystemHeader(Sources.getExpansionLoc(Callee->getLocation()))) {
      Made.Callee = summaryKey(*Callee);
      Made.CalleeName = Callee->getNameAsString();
      Made.Virtual = isVirtualDispatch(*Call);
    }
    if (Made.Blocks.empty() && Made.Callee.empty() && Made.Runs.empty())
      continue; // a library call that does not block: nothing for the search
    SourceLocation At = Sources.getExpansionLoc(Call->getBeginLoc());
    // A call spelled in another file (a macro's body is expanded here) is
    // noted at the function.
    Made.Offset = Sources.getFileID(At) == Sources.getFileID(Where) ? Sources.getFileOffset(At)
                                                                     : Summary.Offset;
    Summary.Calls.push_back(std::move(Made));
  }
  return Summary;
}

namespace {

std::vector<const FunctionDecl *> unitDefinitions(ASTContext &Context) {
  DefinitionFinder Finder;
  for (Decl *D : Context.getTraversalScope())
    Finder.TraverseDecl(D);
  return std::move(Finder.Definitions);
}

} // namespace

UnitSummarizer::UnitSummarizer(const NameList &Runners)
    : UnitSummarizer([](const Expr &) { return std::optional<BlockingOperation>(); }, Runners,
                     NoneKnown) {}

void UnitSummarizer::summarizeUnit(ASTContext &Context, ProgramSummaries &Out) {
  for (const FunctionDecl *Definition : unitDefinitions(Context))
    if (std::optional<FunctionSummary> Summary = summarize(*Definition, Context.getSourceManager()))
      Out.Functions.push_back(std::move(*Summary));
}

void UnitSummarizer::summarizeCoroutines(
    ASTContext &Context, ProgramSummaries &Out,
    const std::function<SemaphoreUse(const FunctionDecl &)> &Semaphores) {
  for (const FunctionDecl *Definition : unitDefinitions(Context)) {
    if (!isCoroutine(*Definition))
      continue;
    // Not Enterable: the summary says what every check's summary of it says.
    std::optional<FunctionSummary> Summary = summarize(*Definition, Context.getSourceManager());
    if (!Summary)
      continue;
    Summary->Semaphores = Semaphores(*Definition);
    Out.Functions.push_back(std::move(*Summary));
  }
}

} // namespace corolint
