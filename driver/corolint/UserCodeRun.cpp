//===--- UserCodeRun.cpp - clang-tidy's run, traversing only the user's code ===//

#include "UserCodeRun.h"
#include "clang-tidy/ClangTidyModule.h"

#include "clang/AST/ASTConsumer.h"
#include "clang/AST/ASTContext.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendAction.h"
#include "clang/Frontend/MultiplexConsumer.h"
#include "clang/Lex/PreprocessorOptions.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/xxhash.h"

using namespace clang;

namespace corolint {

namespace {

/// Collects the top-level declarations outside system headers and, before the
/// checks' consumer runs, makes them the AST's traversal scope.
class UserCodeScope : public ASTConsumer {
public:
  explicit UserCodeScope(const SourceManager &Sources) : Sources(Sources) {}

  bool HandleTopLevelDecl(DeclGroupRef Group) override {
    for (Decl *D : Group)
      if (!Sources.isInSystemHeader(Sources.getExpansionLoc(D->getLocation())))
        UserDecls.push_back(D);
    return true;
  }

  void HandleTranslationUnit(ASTContext &Context) override {
    Context.setTraversalScope(UserDecls);
  }

private:
  const SourceManager &Sources;
  std::vector<Decl *> UserDecls;
};

class UserCodeAction : public ASTFrontendAction {
public:
  UserCodeAction(tidy::ClangTidyASTConsumerFactory &Factory, bool WholeUnit,
                 llvm::StringMap<uint64_t> *ContentHashes, std::vector<FileHash> *ReadFiles)
      : Factory(Factory), WholeUnit(WholeUnit), ContentHashes(ContentHashes),
        ReadFiles(ReadFiles) {}

  /// The fixes' offsets refer to these buffers: remember what they held.
  void EndSourceFileAction() override {
    if (!ContentHashes && !ReadFiles)
      return;
    SourceManager &Sources = getCompilerInstance().getSourceManager();
    for (auto It = Sources.fileinfo_begin(); It != Sources.fileinfo_end(); ++It) {
      const SrcMgr::ContentCache &Content = *It->second;
      std::optional<llvm::MemoryBufferRef> Buffer = Content.getBufferIfLoaded();
      if (!Content.OrigEntry || !Buffer)
        continue;
      if (ReadFiles) {
        // Absolute: the result cache checks these files again from any directory.
        llvm::SmallString<256> Path(Content.OrigEntry->getName());
        Sources.getFileManager().makeAbsolutePath(Path);
        ReadFiles->emplace_back(Path.str().str(), llvm::xxh3_64bits(Buffer->getBuffer()));
      }
      if (!ContentHashes)
        continue;
      FileID ID = Sources.translateFile(*Content.OrigEntry);
      if (ID.isValid() && Sources.isInSystemHeader(Sources.getLocForStartOfFile(ID)))
        continue; // never fixed: not worth a real_path each
      llvm::SmallString<256> Real;
      if (llvm::sys::fs::real_path(Content.OrigEntry->getName(), Real))
        continue;
      (*ContentHashes)[Real] = llvm::xxh3_64bits(Buffer->getBuffer());
    }
  }

  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &Compiler,
                                                 StringRef File) override {
    std::unique_ptr<ASTConsumer> Checks = Factory.createASTConsumer(Compiler, File);
    if (WholeUnit)
      return Checks;
    // MultiplexConsumer calls HandleTranslationUnit in order: the scope is set first.
    std::vector<std::unique_ptr<ASTConsumer>> Consumers;
    Consumers.push_back(std::make_unique<UserCodeScope>(Compiler.getSourceManager()));
    Consumers.push_back(std::move(Checks));
    return std::make_unique<MultiplexConsumer>(std::move(Consumers));
  }

private:
  tidy::ClangTidyASTConsumerFactory &Factory;
  bool WholeUnit;
  llvm::StringMap<uint64_t> *ContentHashes;
  std::vector<FileHash> *ReadFiles;
};

class UserCodeActionFactory : public tooling::FrontendActionFactory {
public:
  UserCodeActionFactory(tidy::ClangTidyContext &Context,
                        llvm::IntrusiveRefCntPtr<llvm::vfs::OverlayFileSystem> FS,
                        bool WholeUnit, llvm::StringMap<uint64_t> *ContentHashes,
                        std::vector<FileHash> *ReadFiles)
      : ConsumerFactory(Context, std::move(FS)), WholeUnit(WholeUnit),
        ContentHashes(ContentHashes), ReadFiles(ReadFiles) {}

  std::unique_ptr<FrontendAction> create() override {
    return std::make_unique<UserCodeAction>(ConsumerFactory, WholeUnit, ContentHashes,
                                            ReadFiles);
  }

  bool runInvocation(std::shared_ptr<CompilerInvocation> Invocation, FileManager *Files,
                     std::shared_ptr<PCHContainerOperations> PCHContainerOps,
                     DiagnosticConsumer *DiagConsumer) override {
    // As clang-tidy does: code guarded by __clang_analyzer__ is what the checks see.
    Invocation->getPreprocessorOpts().SetUpStaticAnalyzer = true;
    return FrontendActionFactory::runInvocation(Invocation, Files, PCHContainerOps,
                                                DiagConsumer);
  }

private:
  tidy::ClangTidyASTConsumerFactory ConsumerFactory;
  bool WholeUnit;
  llvm::StringMap<uint64_t> *ContentHashes;
  std::vector<FileHash> *ReadFiles;
};

/// ExtraArgsBefore / ExtraArgs of the file's options, as clang-tidy adds them.
tooling::ArgumentsAdjuster extraArgumentsOf(tidy::ClangTidyContext &Context) {
  return [&Context](const tooling::CommandLineArguments &Args, StringRef Filename) {
    tidy::ClangTidyOptions Options = Context.getOptionsForFile(Filename);
    tooling::CommandLineArguments Adjusted = Args;
    if (Options.ExtraArgsBefore) {
      auto Insert = Adjusted.begin();
      if (Insert != Adjusted.end() && !StringRef(*Insert).starts_with("-"))
        ++Insert; // past the compiler's name
      Adjusted.insert(Insert, Options.ExtraArgsBefore->begin(), Options.ExtraArgsBefore->end());
    }
    if (Options.ExtraArgs)
      Adjusted.insert(Adjusted.end(), Options.ExtraArgs->begin(), Options.ExtraArgs->end());
    return Adjusted;
  };
}

} // namespace

std::vector<tidy::ClangTidyError>
runChecksOnUserCode(tidy::ClangTidyContext &Context,
                    const tooling::CompilationDatabase &Compilations, const std::string &File,
                    llvm::IntrusiveRefCntPtr<llvm::vfs::OverlayFileSystem> FS,
                    bool CollectFixes, bool EnableCheckProfile,
                    llvm::StringRef ProfileDirectory,
                    llvm::StringMap<uint64_t> *ContentHashes,
                    std::vector<FileHash> *ReadFiles) {
  tooling::ClangTool Tool(Compilations, {File}, std::make_shared<PCHContainerOperations>(), FS);
  Tool.appendArgumentsAdjuster(extraArgumentsOf(Context));
  Tool.appendArgumentsAdjuster(tooling::getStripPluginsAdjuster());
  Context.setEnableProfiling(EnableCheckProfile);
  Context.setProfileStoragePrefix(ProfileDirectory);

  tidy::ClangTidyDiagnosticConsumer DiagConsumer(Context, nullptr,
                                                 /*RemoveIncompatibleErrors=*/true,
                                                 /*GetFixesFromNotes=*/CollectFixes);
  DiagnosticsEngine Diagnostics(new DiagnosticIDs(), new DiagnosticOptions(), &DiagConsumer,
                                /*ShouldOwnClient=*/false);
  Context.setDiagnosticsEngine(&Diagnostics);
  Tool.setDiagnosticConsumer(&DiagConsumer);

  bool WholeUnit = Context.getOptionsForFile(File).SystemHeaders.value_or(false);
  UserCodeActionFactory Factory(Context, std::move(FS), WholeUnit, ContentHashes, ReadFiles);
  Tool.run(&Factory);
  return DiagConsumer.take();
}

} // namespace corolint
