//===--- SharedPreambles.cpp - one precompiled preamble per #include block ===//

#include "SharedPreambles.h"
#include "ReadFiles.h"

#include "clang/AST/DeclBase.h"
#include "clang/Basic/FileManager.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Lex/PPCallbacks.h"
#include "clang/Lex/PreprocessorOptions.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/Path.h"

using namespace clang;

namespace corolint {

namespace {

/// Counts what the preamble's build reports: a preamble with diagnostics is not used.
class DiagnosticCounter : public DiagnosticConsumer {
public:
  void HandleDiagnostic(DiagnosticsEngine::Level Level, const Diagnostic &Info) override {
    DiagnosticConsumer::HandleDiagnostic(Level, Info); // counts warnings and errors
  }
};

/// Notes an #include that names no file. Clang builds a preamble past it
/// without reporting the error to the build's diagnostics, and a unit that
/// loads such a preamble then reports other, misleading errors than a whole
/// parse would ("different definitions in different modules").
class MissingIncludeFinder : public PPCallbacks {
public:
  explicit MissingIncludeFinder(bool &Missing) : Missing(Missing) {}
  void InclusionDirective(SourceLocation, const Token &, llvm::StringRef, bool, CharSourceRange,
                          OptionalFileEntryRef File, llvm::StringRef, llvm::StringRef,
                          const Module *, bool, SrcMgr::CharacteristicKind) override {
    Missing |= !File;
  }

private:
  bool &Missing;
};

/// Records, while the preamble is built, what the units that load it need.
class BuildRecorder : public PreambleCallbacks {
public:
  std::unique_ptr<PPCallbacks> createPPCallbacks() override {
    return std::make_unique<MissingIncludeFinder>(MissingInclude);
  }
  void BeforeExecute(CompilerInstance &Compiler) override {
    Sources = &Compiler.getSourceManager();
  }
  void HandleTopLevelDecl(DeclGroupRef Group) override {
    for (const Decl *D : Group)
      if (!Sources->isInSystemHeader(Sources->getExpansionLoc(D->getLocation())))
        HasUserDeclarations = true;
  }
  void AfterExecute(CompilerInstance &Compiler) override {
    recordReadFiles(Compiler.getSourceManager(), &UserContentHashes, &ReadFiles,
                    /*SkipMainFile=*/true);
  }

  const SourceManager *Sources = nullptr;
  bool HasUserDeclarations = false;
  bool MissingInclude = false;
  std::vector<FileHash> ReadFiles;
  llvm::StringMap<uint64_t> UserContentHashes;
};

/// What must be equal for two units to share a preamble: the compiler's
/// options (without the main file's name), the main file's directory (quoted
/// includes are found there), the working directory and the preamble's text.
std::string preambleKey(const CompilerInvocation &Invocation, llvm::StringRef MainPath,
                        llvm::StringRef WorkingDirectory, llvm::StringRef PreambleText) {
  CompilerInvocation Options(Invocation);
  Options.getFrontendOpts().Inputs.clear();
  Options.getFrontendOpts().OutputFile.clear();
  Options.getCodeGenOpts().MainFileName.clear();
  Options.getDependencyOutputOpts() = DependencyOutputOptions();
  std::string Key;
  for (const std::string &Argument : Options.getCC1CommandLine()) {
    Key += Argument;
    Key += '\0';
  }
  Key += llvm::sys::path::parent_path(MainPath);
  Key += '\0';
  Key += WorkingDirectory;
  Key += '\0';
  Key += PreambleText;
  return Key;
}

std::shared_ptr<const SharedPreamble>
buildPreamble(const CompilerInvocation &Invocation, const llvm::MemoryBuffer &MainFile,
              PreambleBounds Bounds, llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> VFS,
              std::shared_ptr<PCHContainerOperations> PCHContainerOps) {
  DiagnosticCounter Counter;
  llvm::IntrusiveRefCntPtr<DiagnosticOptions> DiagOpts(
      new DiagnosticOptions(Invocation.getDiagnosticOpts()));
  llvm::IntrusiveRefCntPtr<DiagnosticsEngine> Diagnostics =
      CompilerInstance::createDiagnostics(DiagOpts.get(), &Counter, /*ShouldOwnClient=*/false);
  BuildRecorder Recorder;
  llvm::ErrorOr<PrecompiledPreamble> PCH = PrecompiledPreamble::Build(
      Invocation, &MainFile, Bounds, *Diagnostics, std::move(VFS), std::move(PCHContainerOps),
      /*StoreInMemory=*/true, /*StoragePath=*/"", Recorder);
  if (!PCH || Counter.getNumErrors() || Counter.getNumWarnings() || Recorder.MissingInclude)
    return nullptr;
  auto Built = std::make_shared<SharedPreamble>(std::move(*PCH));
  Built->ReadFiles = std::move(Recorder.ReadFiles);
  Built->UserContentHashes = std::move(Recorder.UserContentHashes);
  Built->HasUserDeclarations = Recorder.HasUserDeclarations;
  return Built;
}

} // namespace

PreambleBounds shareableBounds(const LangOptions &LangOpts, llvm::MemoryBufferRef MainFile) {
  PreambleBounds Bounds = ComputePreambleBounds(LangOpts, MainFile, /*MaxLines=*/0);
  llvm::StringRef Text = MainFile.getBuffer().take_front(Bounds.Size);
  // Directives whose locations matter to a diagnostic (a macro's definition,
  // a pragma's range, #line) stay in the unit's own part.
  for (size_t LineStart = 0; LineStart < Text.size();) {
    size_t LineEnd = Text.find('\n', LineStart);
    llvm::StringRef Line = Text.slice(LineStart, LineEnd).ltrim(" \t");
    if (Line.consume_front("#")) {
      llvm::StringRef Name =
          Line.ltrim(" \t").take_while([](char C) { return llvm::isAlnum(C) || C == '_'; });
      bool Shareable = llvm::StringSwitch<bool>(Name)
                           .Cases("", "include", "include_next", "import", true)
                           .Cases("if", "ifdef", "ifndef", "elif", "elifdef", "elifndef", true)
                           .Cases("else", "endif", true)
                           .Default(false);
      if (!Shareable)
        return PreambleBounds(LineStart, /*PreambleEndsAtStartOfLine=*/true);
    }
    if (LineEnd == llvm::StringRef::npos)
      break;
    LineStart = LineEnd + 1;
  }
  return Bounds;
}

std::optional<PreambleUse>
PreambleStore::prepare(CompilerInvocation &Invocation, FileManager &Files,
                       std::shared_ptr<PCHContainerOperations> PCHContainerOps) {
  FrontendOptions &Frontend = Invocation.getFrontendOpts();
  if (Frontend.Inputs.size() != 1 || !Frontend.Inputs[0].isFile())
    return std::nullopt;
  llvm::SmallString<256> MainPath(Frontend.Inputs[0].getFile());
  llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> VFS = Files.getVirtualFileSystemPtr();
  if (VFS->makeAbsolute(MainPath))
    return std::nullopt;
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> MainFile = VFS->getBufferForFile(MainPath);
  if (!MainFile)
    return std::nullopt;
  PreambleBounds Bounds = shareableBounds(Invocation.getLangOpts(), **MainFile);
  if (Bounds.Size == 0)
    return std::nullopt;
  llvm::ErrorOr<std::string> WorkingDirectory = VFS->getCurrentWorkingDirectory();
  std::string Key = preambleKey(Invocation, MainPath, WorkingDirectory ? *WorkingDirectory : "",
                                (*MainFile)->getBuffer().take_front(Bounds.Size));

  Ready Preamble;
  std::promise<std::shared_ptr<const SharedPreamble>> ToBuild;
  bool Builder = false;
  {
    std::lock_guard<std::mutex> Guard(Lock);
    auto [It, New] = Slots.try_emplace(Key);
    if (New) {
      RecentFirst.push_front(Key);
      It->second.Recency = RecentFirst.begin();
    } else {
      RecentFirst.splice(RecentFirst.begin(), RecentFirst, It->second.Recency);
    }
    // A preamble no other unit loads costs more than it saves: the first units
    // of a kind are parsed whole, the next one builds it.
    if (!It->second.Preamble.valid()) {
      if (++It->second.Requests < MinUnits)
        return std::nullopt;
      Builder = true;
      It->second.Preamble = ToBuild.get_future().share();
    }
    Preamble = It->second.Preamble;
  }
  if (Builder) {
    std::shared_ptr<const SharedPreamble> Result;
    Result = buildPreamble(Invocation, **MainFile, Bounds, VFS, PCHContainerOps);
    ToBuild.set_value(Result);
    Result ? ++Built : ++Unusable;
    std::lock_guard<std::mutex> Guard(Lock);
    auto It = Slots.find(Key);
    if (It != Slots.end() && Result) {
      It->second.Bytes = Result->PCH.getSize();
      TotalBytes += It->second.Bytes;
    }
    evictLocked(Key);
  }
  std::shared_ptr<const SharedPreamble> Shared = Preamble.get();
  if (!Shared || !Shared->PCH.CanReuse(Invocation, **MainFile, Bounds, *VFS))
    return std::nullopt;
  ++Loaded;

  PreambleUse Use;
  Use.Preamble = std::move(Shared);
  Use.MainFile = std::move(*MainFile);
  // The unit keeps the main file's buffer; the compiler must not free it.
  Invocation.getPreprocessorOpts().RetainRemappedFileBuffers = true;
  Use.Preamble->PCH.AddImplicitPreamble(Invocation, VFS, Use.MainFile.get());
  Use.Files = new FileManager(Files.getFileSystemOpts(), std::move(VFS));
  return Use;
}

void PreambleStore::evictLocked(llvm::StringRef Keep) {
  for (auto It = RecentFirst.end(); TotalBytes > MaxBytes && It != RecentFirst.begin();) {
    --It;
    auto Found = Slots.find(*It);
    // Slots without bytes are being built or remember an unusable preamble.
    if (*It == Keep || Found == Slots.end() || Found->second.Bytes == 0)
      continue;
    TotalBytes -= Found->second.Bytes;
    Slots.erase(Found);
    It = RecentFirst.erase(It);
  }
}

} // namespace corolint
