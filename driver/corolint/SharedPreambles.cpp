//===--- SharedPreambles.cpp - one precompiled preamble per #include block ===//

#include "SharedPreambles.h"
#include "ReadFiles.h"

#include "clang/AST/DeclBase.h"
#include "clang/Basic/FileManager.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendActions.h"
#include "clang/Frontend/MultiplexConsumer.h"
#include "clang/Lex/HeaderSearch.h"
#include "clang/Lex/Lexer.h"
#include "clang/Lex/PPCallbacks.h"
#include "clang/Lex/PreprocessorOptions.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/VirtualFileSystem.h"
#include "llvm/Support/xxhash.h"
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

class BuildRecorder;

/// Notes an #include that names no file, and the headers the preamble's main
/// file includes itself. Clang builds a preamble past a missing header
/// without reporting the error to the build's diagnostics, and a unit that
/// loads such a preamble then reports other, misleading errors than a whole
/// parse would ("different definitions in different modules").
class IncludeFinder : public PPCallbacks {
public:
  explicit IncludeFinder(BuildRecorder &Recorder) : Recorder(Recorder) {}
  void InclusionDirective(SourceLocation HashLoc, const Token &, llvm::StringRef, bool,
                          CharSourceRange, OptionalFileEntryRef File, llvm::StringRef,
                          llvm::StringRef, const Module *, bool,
                          SrcMgr::CharacteristicKind Kind) override;

private:
  BuildRecorder &Recorder;
};

/// Records, while the preamble is built, what the units that load it need.
class BuildRecorder : public PreambleCallbacks {
public:
  std::unique_ptr<PPCallbacks> createPPCallbacks() override {
    return std::make_unique<IncludeFinder>(*this);
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

  /// A preamble holding what was recorded; its PCH is the caller's to add.
  std::shared_ptr<SharedPreamble> preamble() {
    auto Built = std::make_shared<SharedPreamble>();
    Built->ReadFiles = std::move(ReadFiles);
    Built->UserContentHashes = std::move(UserContentHashes);
    Built->HasUserDeclarations = HasUserDeclarations;
    return Built;
  }

  const SourceManager *Sources = nullptr;
  bool HasUserDeclarations = false;
  bool MissingInclude = false;
  /// User headers the preamble's own lines include. (System headers are
  /// written to be included again: <cstdio> guards its body after including
  /// <stdio.h>, <assert.h> has no guard on purpose.)
  std::vector<FileEntryRef> DirectUserIncludes;
  std::vector<FileHash> ReadFiles;
  llvm::StringMap<uint64_t> UserContentHashes;
};

void IncludeFinder::InclusionDirective(SourceLocation HashLoc, const Token &, llvm::StringRef,
                                       bool, CharSourceRange, OptionalFileEntryRef File,
                                       llvm::StringRef, llvm::StringRef, const Module *, bool,
                                       SrcMgr::CharacteristicKind Kind) {
  if (!File)
    Recorder.MissingInclude = true;
  else if (Recorder.Sources && Recorder.Sources->isInMainFile(HashLoc) &&
           !SrcMgr::isSystem(Kind))
    Recorder.DirectUserIncludes.push_back(*File);
}

/// Builds the PCH of an include block, recording what BuildRecorder does for a
/// preamble, and whether every user header the block includes has an include
/// guard (or #pragma once): the unit's own #include lines must skip them.
class IncludeBlockAction : public GeneratePCHAction {
public:
  explicit IncludeBlockAction(BuildRecorder &Recorder) : Recorder(Recorder) {}

  bool BeginSourceFileAction(CompilerInstance &Compiler) override {
    Recorder.BeforeExecute(Compiler);
    Compiler.getPreprocessor().addPPCallbacks(Recorder.createPPCallbacks());
    return GeneratePCHAction::BeginSourceFileAction(Compiler);
  }

  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &Compiler,
                                                 llvm::StringRef File) override {
    std::unique_ptr<ASTConsumer> Writer = GeneratePCHAction::CreateASTConsumer(Compiler, File);
    if (!Writer)
      return nullptr;
    std::vector<std::unique_ptr<ASTConsumer>> Consumers;
    Consumers.push_back(std::make_unique<DeclNotifier>(Recorder));
    Consumers.push_back(std::move(Writer));
    return std::make_unique<MultiplexConsumer>(std::move(Consumers));
  }

  void EndSourceFileAction() override {
    CompilerInstance &Compiler = getCompilerInstance();
    Recorder.AfterExecute(Compiler);
    const HeaderSearch &Headers = Compiler.getPreprocessor().getHeaderSearchInfo();
    for (FileEntryRef Header : Recorder.DirectUserIncludes)
      Unguarded |= !Headers.isFileMultipleIncludeGuarded(Header);
    GeneratePCHAction::EndSourceFileAction();
  }

  bool Unguarded = false;

private:
  class DeclNotifier : public ASTConsumer {
  public:
    explicit DeclNotifier(BuildRecorder &Recorder) : Recorder(Recorder) {}
    bool HandleTopLevelDecl(DeclGroupRef Group) override {
      Recorder.HandleTopLevelDecl(Group);
      return true;
    }

  private:
    BuildRecorder &Recorder;
  };

  BuildRecorder &Recorder;
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

/// Where the include block's header and PCH live: virtual files, named by the
/// block's text, the header in the main file's directory so that quoted
/// includes are found where the file finds them.
IncludeBlockPCH includeBlockFiles(llvm::StringRef MainPath, llvm::StringRef Block) {
  std::string Name = "corolint-include-block-" + llvm::utohexstr(llvm::xxh3_64bits(Block));
  IncludeBlockPCH Files;
  llvm::SmallString<256> Header(llvm::sys::path::parent_path(MainPath));
  llvm::sys::path::append(Header, "." + Name + ".h");
  Files.HeaderPath = std::string(Header);
  Files.HeaderText = Block.str();
  Files.PCHPath = "/corolint-include-blocks/" + Name + ".pch";
  return Files;
}

/// \p VFS with the block's header (and its PCH, once built) in memory over it.
llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem>
withIncludeBlock(llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> VFS,
                 const IncludeBlockPCH &Block) {
  auto Memory = llvm::makeIntrusiveRefCnt<llvm::vfs::InMemoryFileSystem>();
  Memory->addFile(Block.HeaderPath, /*ModificationTime=*/0,
                  llvm::MemoryBuffer::getMemBufferCopy(Block.HeaderText, Block.HeaderPath));
  // The PCH is not copied: the units loading it keep the SharedPreamble alive.
  if (Block.PCH)
    Memory->addFile(Block.PCHPath, /*ModificationTime=*/0,
                    llvm::MemoryBuffer::getMemBuffer(Block.PCH->getBuffer(), Block.PCHPath,
                                                     /*RequiresNullTerminator=*/false));
  auto Overlay = llvm::makeIntrusiveRefCnt<llvm::vfs::OverlayFileSystem>(std::move(VFS));
  Overlay->pushOverlay(std::move(Memory));
  return Overlay;
}

/// Compiles \p Block (a file's include lines) apart, as clang's
/// `-x c++-header -emit-pch` would, with the unit's options.
std::shared_ptr<const SharedPreamble>
buildIncludeBlock(const CompilerInvocation &Invocation, IncludeBlockPCH Block,
                  llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> VFS,
                  std::shared_ptr<PCHContainerOperations> PCHContainerOps) {
  llvm::SmallString<128> Output;
  if (llvm::sys::fs::createTemporaryFile("corolint-include-block", "pch", Output))
    return nullptr;
  auto PCHInvocation = std::make_shared<CompilerInvocation>(Invocation);
  FrontendOptions &Frontend = PCHInvocation->getFrontendOpts();
  InputKind Header = Frontend.Inputs[0].getKind().getHeader();
  Frontend.Inputs = {FrontendInputFile(Block.HeaderPath, Header)};
  Frontend.ProgramAction = frontend::GeneratePCH;
  Frontend.OutputFile = std::string(Output);
  PCHInvocation->getDependencyOutputOpts() = DependencyOutputOptions();
  PCHInvocation->getCodeGenOpts().MainFileName.clear();

  DiagnosticCounter Counter;
  CompilerInstance Compiler(std::move(PCHContainerOps));
  Compiler.setInvocation(std::move(PCHInvocation));
  Compiler.createDiagnostics(&Counter, /*ShouldOwnClient=*/false);
  Compiler.createFileManager(withIncludeBlock(std::move(VFS), Block));
  BuildRecorder Recorder;
  IncludeBlockAction Action(Recorder);
  bool Built = Compiler.ExecuteAction(Action);
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> PCH = llvm::MemoryBuffer::getFile(Output);
  llvm::sys::fs::remove(Output);
  if (!Built || !PCH || Counter.getNumErrors() || Counter.getNumWarnings() ||
      Recorder.MissingInclude || Action.Unguarded)
    return nullptr;
  Block.PCH = std::move(*PCH);
  std::shared_ptr<SharedPreamble> Shared = Recorder.preamble();
  Shared->Block = std::move(Block);
  return Shared;
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
  std::shared_ptr<SharedPreamble> Built = Recorder.preamble();
  Built->PCH.emplace(std::move(*PCH));
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

std::optional<std::string> includeBlock(llvm::StringRef PreambleText) {
  // Clang's raw lexer reads comments, line continuations and header names as
  // the preprocessor does; it wants a buffer that ends in a null character.
  std::string Text = PreambleText.str();
  LangOptions LangOpts;
  LangOpts.CPlusPlus = true;
  Lexer Raw(SourceLocation(), LangOpts, Text.data(), Text.data(), Text.data() + Text.size());
  std::string Block;
  Token Tok;
  for (;;) {
    Raw.LexFromRawLexer(Tok);
    if (Tok.is(tok::eof))
      break;
    if (Tok.isNot(tok::hash) || !Tok.isAtStartOfLine())
      return std::nullopt;
    Raw.setParsingPreprocessorDirective(true); // the line's end is a token
    Raw.LexFromRawLexer(Tok);
    if (Tok.isNot(tok::raw_identifier) || Tok.getRawIdentifier() != "include")
      return std::nullopt;
    Token Name;
    Raw.LexIncludeFilename(Name);
    Raw.LexFromRawLexer(Tok);
    Raw.setParsingPreprocessorDirective(false);
    if (!Name.isOneOf(tok::header_name, tok::string_literal) || Name.needsCleaning() ||
        !Tok.isOneOf(tok::eod, tok::eof))
      return std::nullopt;
    Block += "#include " + std::string(Name.getLiteralData(), Name.getLength()) + "\n";
  }
  if (Block.empty())
    return std::nullopt;
  return Block;
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
  llvm::StringRef PreambleText = (*MainFile)->getBuffer().take_front(Bounds.Size);
  // A unit that already loads a PCH of its own keeps it: its preamble is a prefix.
  std::optional<std::string> Block;
  if (Invocation.getPreprocessorOpts().ImplicitPCHInclude.empty())
    Block = includeBlock(PreambleText);
  std::string Kind = Block ? "include block\n" + *Block : "prefix\n" + PreambleText.str();
  std::string Key =
      preambleKey(Invocation, MainPath, WorkingDirectory ? *WorkingDirectory : "", Kind);

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
    Result = Block ? buildIncludeBlock(Invocation, includeBlockFiles(MainPath, *Block), VFS,
                                       PCHContainerOps)
                   : buildPreamble(Invocation, **MainFile, Bounds, VFS, PCHContainerOps);
    ToBuild.set_value(Result);
    Result ? ++Built : ++Unusable;
    if (Result && Block)
      ++BuiltBlocks;
    std::lock_guard<std::mutex> Guard(Lock);
    auto It = Slots.find(Key);
    if (It != Slots.end() && Result) {
      It->second.Bytes = Result->size();
      TotalBytes += It->second.Bytes;
    }
    evictLocked(Key);
  }
  std::shared_ptr<const SharedPreamble> Shared = Preamble.get();
  if (!Shared || (Shared->PCH && !Shared->PCH->CanReuse(Invocation, **MainFile, Bounds, *VFS)))
    return std::nullopt;
  ++Loaded;

  PreambleUse Use;
  Use.Preamble = std::move(Shared);
  if (const std::optional<IncludeBlockPCH> &Compiled = Use.Preamble->Block) {
    // As `-include-pch`: the whole main file is parsed after the block's headers.
    PreprocessorOptions &Preprocessor = Invocation.getPreprocessorOpts();
    Preprocessor.ImplicitPCHInclude = Compiled->PCHPath;
    Preprocessor.DisablePCHOrModuleValidation = DisableValidationForModuleKind::All;
    Use.Files =
        new FileManager(Files.getFileSystemOpts(), withIncludeBlock(std::move(VFS), *Compiled));
    return Use;
  }
  Use.MainFile = std::move(*MainFile);
  // The unit keeps the main file's buffer; the compiler must not free it.
  Invocation.getPreprocessorOpts().RetainRemappedFileBuffers = true;
  Use.Preamble->PCH->AddImplicitPreamble(Invocation, VFS, Use.MainFile.get());
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
