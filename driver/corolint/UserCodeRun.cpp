//===--- UserCodeRun.cpp - clang-tidy's run, traversing only the user's code ===//

#include "UserCodeRun.h"
#include "ReadFiles.h"
#include "SharedPreambles.h"
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

using namespace clang;

namespace corolint {

namespace {

bool isUserDeclaration(const SourceManager &Sources, const Decl *D) {
  return !Sources.isInSystemHeader(Sources.getExpansionLoc(D->getLocation()));
}

/// Collects the top-level declarations outside system headers and, before the
/// checks' consumer runs, makes them the AST's traversal scope. With a shared
/// preamble, the parser hands over only the declarations after it: those of
/// the preamble's user headers are read back from it (in source order, first).
class UserCodeScope : public ASTConsumer {
public:
  UserCodeScope(const SourceManager &Sources, bool PreambleHasUserDeclarations)
      : Sources(Sources), PreambleHasUserDeclarations(PreambleHasUserDeclarations) {}

  bool HandleTopLevelDecl(DeclGroupRef Group) override {
    for (Decl *D : Group)
      if (isUserDeclaration(Sources, D))
        UserDecls.push_back(D);
    return true;
  }

  /// Declarations a preamble deserializes eagerly: taken in order below instead.
  void HandleInterestingDecl(DeclGroupRef) override {}

  void HandleTranslationUnit(ASTContext &Context) override {
    if (PreambleHasUserDeclarations) {
      std::vector<Decl *> FromPreamble;
      for (Decl *D : Context.getTranslationUnitDecl()->decls())
        if (D->isFromASTFile() && !D->isImplicit() && D->getLocation().isValid() &&
            isUserDeclaration(Sources, D))
          FromPreamble.push_back(D);
      UserDecls.insert(UserDecls.begin(), FromPreamble.begin(), FromPreamble.end());
    }
    Context.setTraversalScope(UserDecls);
  }

private:
  const SourceManager &Sources;
  bool PreambleHasUserDeclarations;
  std::vector<Decl *> UserDecls;
};

class UserCodeAction : public ASTFrontendAction {
public:
  UserCodeAction(tidy::ClangTidyASTConsumerFactory &Factory, bool WholeUnit,
                 bool PreambleHasUserDeclarations, llvm::StringMap<uint64_t> *ContentHashes,
                 std::vector<FileHash> *ReadFiles)
      : Factory(Factory), WholeUnit(WholeUnit),
        PreambleHasUserDeclarations(PreambleHasUserDeclarations),
        ContentHashes(ContentHashes), ReadFiles(ReadFiles) {}

  /// The fixes' offsets refer to these buffers: remember what they held.
  void EndSourceFileAction() override {
    recordReadFiles(getCompilerInstance().getSourceManager(), ContentHashes, ReadFiles);
  }

  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &Compiler,
                                                 StringRef File) override {
    std::unique_ptr<ASTConsumer> Checks = Factory.createASTConsumer(Compiler, File);
    if (WholeUnit)
      return Checks;
    // MultiplexConsumer calls HandleTranslationUnit in order: the scope is set first.
    std::vector<std::unique_ptr<ASTConsumer>> Consumers;
    Consumers.push_back(std::make_unique<UserCodeScope>(Compiler.getSourceManager(),
                                                        PreambleHasUserDeclarations));
    Consumers.push_back(std::move(Checks));
    return std::make_unique<MultiplexConsumer>(std::move(Consumers));
  }

private:
  tidy::ClangTidyASTConsumerFactory &Factory;
  bool WholeUnit;
  bool PreambleHasUserDeclarations;
  llvm::StringMap<uint64_t> *ContentHashes;
  std::vector<FileHash> *ReadFiles;
};

class UserCodeActionFactory : public tooling::FrontendActionFactory {
public:
  UserCodeActionFactory(tidy::ClangTidyContext &Context,
                        llvm::IntrusiveRefCntPtr<llvm::vfs::OverlayFileSystem> FS,
                        bool WholeUnit, llvm::StringMap<uint64_t> *ContentHashes,
                        std::vector<FileHash> *ReadFiles, PreambleStore *Preambles)
      : ConsumerFactory(Context, std::move(FS)), WholeUnit(WholeUnit),
        ContentHashes(ContentHashes), ReadFiles(ReadFiles), Preambles(Preambles) {}

  std::unique_ptr<FrontendAction> create() override {
    return std::make_unique<UserCodeAction>(
        ConsumerFactory, WholeUnit, Preamble && Preamble->Preamble->HasUserDeclarations,
        ContentHashes, ReadFiles);
  }

  bool runInvocation(std::shared_ptr<CompilerInvocation> Invocation, FileManager *Files,
                     std::shared_ptr<PCHContainerOperations> PCHContainerOps,
                     DiagnosticConsumer *DiagConsumer) override {
    // As clang-tidy does: code guarded by __clang_analyzer__ is what the checks see.
    Invocation->getPreprocessorOpts().SetUpStaticAnalyzer = true;
    if (Preambles)
      Preamble = Preambles->prepare(*Invocation, *Files, PCHContainerOps);
    if (!Preamble)
      return FrontendActionFactory::runInvocation(Invocation, Files, PCHContainerOps,
                                                  DiagConsumer);
    bool Ran = FrontendActionFactory::runInvocation(Invocation, Preamble->Files.get(),
                                                    PCHContainerOps, DiagConsumer);
    // The unit's own source manager has not read the preamble's headers.
    if (ReadFiles)
      llvm::append_range(*ReadFiles, Preamble->Preamble->ReadFiles);
    if (ContentHashes)
      for (const auto &Entry : Preamble->Preamble->UserContentHashes)
        ContentHashes->try_emplace(Entry.getKey(), Entry.getValue());
    Preamble.reset();
    return Ran;
  }

private:
  tidy::ClangTidyASTConsumerFactory ConsumerFactory;
  bool WholeUnit;
  llvm::StringMap<uint64_t> *ContentHashes;
  std::vector<FileHash> *ReadFiles;
  PreambleStore *Preambles;
  std::optional<PreambleUse> Preamble; ///< of the invocation being run
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
                    std::vector<FileHash> *ReadFiles, PreambleStore *Preambles) {
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
  UserCodeActionFactory Factory(Context, std::move(FS), WholeUnit, ContentHashes, ReadFiles,
                                Preambles);
  Tool.run(&Factory);
  return DiagConsumer.take();
}

} // namespace corolint
