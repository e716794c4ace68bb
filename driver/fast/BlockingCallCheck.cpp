//===--- BlockingCallCheck.cpp - async-blocking-call, by name -------------===//
//
// Syntactically, a coroutine is a body containing co_await, co_yield or
// co_return, and a blocking call is a call whose written name may denote a
// function of the BlockingFunctions table (see NameLookup.h), made by the
// coroutine itself or by a plain helper it calls that this file defines.
// Lambdas are their own functions: a plain lambda inside a coroutine (the
// callable handed to std::thread or aio::to_thread) is left alone.
//
// A name is not a type: a call that is awaited (or handed to an awaited
// combinator) returns an awaitable, and one whose result has members is not
// a C function, so neither is the table's entry of that name, whatever the
// lookup says (the project's own `sleep`, `connect`, `write`). Descriptor
// I/O in a coroutine that awaits a descriptor's readiness, or on what a
// NonBlockingDescriptors accessor returns, is non-blocking.
// After `co_await pool.schedule()` (an offload function awaited with no
// callable: a hop) the coroutine runs on the pool, where blocking is fine.
// These are this engine's answers to checks/model/BlockingCall, which decides.
//
//===----------------------------------------------------------------------===//

#include "driver/fast/Declarators.h"
#include "driver/fast/FastCheck.h"
#include "driver/fast/Summaries.h"

#include "checks/model/BlockingCall.h"
#include "checks/utils/Messages.h"

#include <algorithm>

namespace corolint::fast {

namespace {

constexpr std::string_view Name = "async-blocking-call";

class BlockingCallCheck : public FastCheck {
public:
  BlockingCallCheck(std::vector<BlockingFunction> Table, NameList Blocking, NameList Runners,
                    NameList Offloads, NameList NonBlocking, NameList NonBlockingHelpers,
                    unsigned HelperDepth, bool CrossFile)
      : Table(std::move(Table)), Blocking(std::move(Blocking)), Runners(std::move(Runners)),
        Offloads(std::move(Offloads)), NonBlocking(std::move(NonBlocking)),
        NonBlockingHelpers(std::move(NonBlockingHelpers)),
        Offload(this->Offloads.firstSpelling()), HelperDepth(HelperDepth), CrossFile(CrossFile) {}

  void request(ScanRequest &Request) const override { requestNames(Request, Blocking); }
  bool summarizes() const override { return CrossFile && HelperDepth > 0; }

  /// Every named function of the file: whether the search may enter it, and
  /// its calls in source order, each with the names it may run or the
  /// blocking operation it is (constructions of blocking types included).
  void summarize(const CheckContext &Context) const override {
    SummaryNames Names(Context.Model, Context.Source, Context.File);
    Names.summarizeFile(
        *Context.Summaries,
        [&](const FunctionInfo &Function, const std::string &Key) {
          return !NonBlockingHelpers.contains(Function.QualifiedName) &&
                 !NonBlockingHelpers.contains(Key); // `app::Cache::drop`, defined in its class
        },
        [&](const FunctionInfo &Function) { return summaryCalls(Context, Names, Function); });
  }

  void check(const CheckContext &Context) const override {
    HelperSearch Helpers(
        Context, [&](const CallSite &Call) { return operationAt(Context, Call).has_value(); });
    Helpers.skip(NonBlockingHelpers);
    for (const FunctionInfo &Function : Context.Model.Functions) {
      if (!Function.IsCoroutine)
        continue;
      std::optional<uint32_t> Hop; // found when first asked
      std::optional<bool> Readiness; // whether it awaits a descriptor's readiness, likewise
      for (size_t Index : Function.Calls) {
        const CallSite &Call = Context.Model.Calls[Index];
        if (std::optional<BlockingOperation> Operation = operationAt(Context, Call)) {
          SyntaxPlace Place(*this, Context, Function, Hop, Call.Call, &Call);
          if (blocksThere(*Operation, Place))
            Context.report(
                Name, Call.Callee,
                directBlockingMessage(*Operation, Table, displayName(Function), Offload));
          continue;
        }
        HelperPath Path = Helpers.through(Call, HelperDepth);
        if (!Path.Helper) {
          askAcrossFiles(Context, Function, Hop, Readiness, Call);
          continue;
        }
        std::optional<BlockingOperation> Reached = operationAt(Context, *Path.Target);
        TSNode BlocksAt = Path.Target->Callee;
        if (auto Stream = constructionBefore(Context, *Path.Target)) {
          Reached = BlockingOperation{BlockingKind::Construction, *Stream->Type};
          BlocksAt = Stream->Declarator;
        }
        SyntaxPlace Place(*this, Context, Function, Hop, Call.Call, Path.Target);
        if (!blocksThere(*Reached, Place))
          continue;
        Finding &Found = Context.report(
            Name, Call.Callee,
            messages::blockingHelper(Path.Helper->Name, displayName(Function), Reached->Name,
                                     Offload));
        Context.note(Found, BlocksAt, "'" + Reached->Name + "' blocks here");
      }
      // Names the file does not declare: their bodies can only be elsewhere.
      for (size_t Index : Function.OtherCalls)
        askAcrossFiles(Context, Function, Hop, Readiness, Context.Model.OtherCalls[Index]);
      checkConstructions(Context, Function, Hop);
    }
  }

private:
  /// "Does what \p Call runs block, through helpers elsewhere?", for the
  /// whole-program step, when the caller collects and the coroutine has
  /// not hopped onto a pool before the call. \p Hop and \p Readiness are
  /// the coroutine's, shared by its questions.
  void askAcrossFiles(const CheckContext &Context, const FunctionInfo &Coroutine,
                      std::optional<uint32_t> &Hop, std::optional<bool> &Readiness,
                      const CallSite &Call) const {
    if (!Context.Summaries || !CrossFile || HelperDepth == 0)
      return;
    SummaryNames Names(Context.Model, Context.Source, Context.File);
    std::optional<OpenQuestion> Question =
        Names.question(Call, Coroutine, ts_node_start_byte(Call.Callee));
    if (!Question || knownNonBlocking(*Question))
      return;
    if (!Hop)
      Hop = hopOntoPool(Context, Coroutine);
    if (ts_node_start_byte(Call.Call) > *Hop)
      return;
    Question->Offload = Offload;
    Question->Depth = HelperDepth;
    if (!Readiness)
      Readiness = awaitsReadiness(Context, Coroutine);
    Question->AwaitsReadiness = *Readiness;
    Context.Summaries->Questions.push_back(std::move(*Question));
  }

  /// One of the names the call may denote is a NonBlockingHelpers entry.
  template <typename CallOrKeys> bool knownNonBlocking(const CallOrKeys &Keys) const {
    return NonBlockingHelpers.contains(Keys.Callee) ||
           std::any_of(Keys.Alternatives.begin(), Keys.Alternatives.end(),
                       [&](const std::string &Key) { return NonBlockingHelpers.contains(Key); });
  }

  /// \p Function's calls and constructions for its summary, in source order.
  /// Descriptor I/O on a descriptor made non-blocking (an accessor's, or in a
  /// function that handles EAGAIN) is not a blocking operation there.
  std::vector<SummaryCall> summaryCalls(const CheckContext &Context, const SummaryNames &Names,
                                        const FunctionInfo &Function) const {
    std::vector<SummaryCall> Calls;
    std::optional<uint32_t> Hop;
    for (const CallSite *Call : Names.callsInOrder(Function)) {
      // What it runs: a loop runner, or the program's functions by name.
      std::optional<SummaryCall> Made = Names.call(*Call, Function, Runners);
      if (std::optional<BlockingOperation> Operation = operationAt(Context, *Call)) {
        SyntaxPlace Place(*this, Context, Function, Hop, Call->Call, Call);
        if (!blocksThere(*Operation, Place))
          continue; // the library's, and it does not block there
        // `write(out, x)` may be the program's serde::write: the whole program decides.
        SummaryCall &Blocks = Calls.emplace_back(Made.value_or(SummaryCall()));
        Blocks.Offset = ts_node_start_byte(Call->Callee);
        Blocks.Kind = Operation->Kind;
        Blocks.Blocks = Operation->Name;
        continue;
      }
      if (Made && (!Made->Runs.empty() || !knownNonBlocking(*Made)))
        Calls.push_back(std::move(*Made));
    }
    forEachOwnNode(Function.Body, [&](TSNode Node) {
      if (nodeType(Node) != "declaration")
        return true;
      if (const std::string *Type = typeListed(childByField(Node, "type"), Context.Model, Blocking))
        Calls.push_back({ts_node_start_byte(childByField(Node, "declarator")), "", "", false,
                         BlockingKind::Construction, *Type, "", {}});
      return false;
    });
    std::stable_sort(Calls.begin(), Calls.end(), [](const SummaryCall &A, const SummaryCall &B) {
      return A.Offset < B.Offset;
    });
    return Calls;
  }

  /// The fast engine's description of a call for checks/model/BlockingCall.
  /// Its call sites are calls (constructions are declarations, read by
  /// checkConstructions and constructionBefore), and a synchronous wait on an
  /// awaitable needs the object's type.
  class SyntaxOperation : public BlockingOperationFacts {
  public:
    SyntaxOperation(const BlockingCallCheck &Check, const CheckContext &Context,
                    const CallSite &Call)
        : Check(Check), Context(Context), Call(Call) {}

    bool isConstruction() override { return false; }
    bool runsLoop() override { return Check.Runners.firstListed(Call.Candidates) != nullptr; }
    std::string synchronousWaitOnAwaitable() override { return {}; }
    std::string listedName() override {
      const std::string *Listed = blockingListed(Call.Candidates, Check.Blocking);
      return Listed ? *Listed : std::string();
    }
    bool returnsAwaitable(std::string_view Listed) override {
      return notTheTableEntry(Call.Call, Listed);
    }
    bool readsFromMemory() override {
      return Call.Function != NoFunction &&
             BlockingCallCheck::readsFromMemory(Context, Context.Model.Functions[Call.Function],
                                                Call);
    }
    /// The table's timed waits are members (`f.wait_for(0s)`), which need
    /// the object's type: this engine never names one.
    bool hasZeroDuration() override { return false; }

  private:
    const BlockingCallCheck &Check;
    const CheckContext &Context;
    const CallSite &Call;
  };

  /// The fast engine's description of where a coroutine's call runs a blocking operation.
  class SyntaxPlace : public BlockingPlaceFacts {
  public:
    SyntaxPlace(const BlockingCallCheck &Check, const CheckContext &Context,
                const FunctionInfo &Coroutine, std::optional<uint32_t> &Hop, TSNode At,
                const CallSite *Operation)
        : Check(Check), Context(Context), Coroutine(Coroutine), Hop(Hop), At(At),
          Operation(Operation) {}

    bool onPool() override {
      if (!Hop)
        Hop = Check.hopOntoPool(Context, Coroutine);
      return ts_node_start_byte(At) > *Hop;
    }
    bool awaitsReadiness() override {
      return BlockingCallCheck::awaitsReadiness(Context, Coroutine);
    }
    bool onNonBlockingDescriptor() override {
      return Operation && Check.onNonBlockingDescriptor(Context, *Operation);
    }
    bool handlesWouldBlock() override {
      return Operation && Operation->Function < Context.Model.Functions.size() &&
             mentionsWouldBlock(
                 nodeText(Context.Model.Functions[Operation->Function].Body, Context.Source));
    }

  private:
    const BlockingCallCheck &Check;
    const CheckContext &Context;
    const FunctionInfo &Coroutine;
    std::optional<uint32_t> &Hop; ///< where the coroutine hops onto a pool, shared by its calls
    TSNode At;                    ///< the coroutine's own call or construction
    /// The blocking call it makes, or a helper makes; null for a construction.
    const CallSite *Operation;
  };

  /// `std::ifstream in(path)` parses as a function declaration whose
  /// parameter types are `path`: it constructs when every "type" is a bare
  /// name \p Function declares as a variable (a parameter or a local), as
  /// overload resolution would find.
  static bool argumentsAreVariables(TSNode Parameters, const FunctionInfo &Function,
                                    std::string_view Source) {
    uint32_t Count = namedChildCount(Parameters);
    for (uint32_t I = 0; I < Count; ++I) {
      TSNode Parameter = namedChild(Parameters, I);
      TSNode Type = childByField(Parameter, "type");
      if (nodeType(Parameter) != "parameter_declaration" ||
          !ts_node_is_null(childByField(Parameter, "declarator")) ||
          nodeType(Type) != "type_identifier" ||
          !declaresVariable(Function.Definition, nodeText(Type, Source), Source))
        return false;
    }
    return Count > 0;
  }

  /// \p Definition declares a parameter or local named \p Variable.
  static bool declaresVariable(TSNode Definition, std::string_view Variable,
                               std::string_view Source) {
    bool Found = false;
    traverse(
        Definition,
        [&](TSNode Node) {
          std::string_view Type = nodeType(Node);
          if (Type == "parameter_declaration" || Type == "optional_parameter_declaration" ||
              Type == "declaration")
            forEachDeclaredName(Node, Source, [&](std::string_view Name, bool IsFunction) {
              Found |= !IsFunction && Name == Variable;
            });
          return !Found;
        },
        [](TSNode) {});
    return Found;
  }

  /// Objects of a BlockingFunctions type the coroutine constructs itself
  /// (`std::ifstream in(path);`, `std::ifstream in;`), each reported at its
  /// name as the full engine does. A reference, a pointer or a copy from
  /// another expression (`= open()`, elided) constructs nothing here.
  void checkConstructions(const CheckContext &Context, const FunctionInfo &Coroutine,
                          std::optional<uint32_t> &Hop) const {
    forEachOwnNode(Coroutine.Body, [&](TSNode Node) {
      if (nodeType(Node) != "declaration")
        return true;
      const std::string *Type = typeListed(childByField(Node, "type"), Context.Model, Blocking);
      TSNode Declarator = childByField(Node, "declarator");
      if (!Type)
        return false;
      TSNode Arguments = childByField(Declarator, "parameters");
      if (nodeType(Declarator) == "function_declarator" &&
          argumentsAreVariables(Arguments, Coroutine, Context.Source)) {
        Declarator = childByField(Declarator, "declarator");
      } else if (nodeType(Declarator) == "init_declarator") {
        std::string_view Init = nodeType(childByField(Declarator, "value"));
        if (Init != "argument_list" && Init != "initializer_list")
          return false;
        Declarator = childByField(Declarator, "declarator");
      }
      if (nodeType(Declarator) != "identifier")
        return false;
      BlockingOperation Construction{BlockingKind::Construction, *Type};
      SyntaxPlace Place(*this, Context, Coroutine, Hop, Declarator, nullptr);
      if (blocksThere(Construction, Place))
        Context.report(Name, Declarator,
                       directBlockingMessage(Construction, Table, displayName(Coroutine), Offload));
      return false;
    });
  }

  /// The blocking operation \p Call performs itself, or nothing.
  std::optional<BlockingOperation> operationAt(const CheckContext &Context,
                                               const CallSite &Call) const {
    SyntaxOperation Facts(*this, Context, Call);
    return blockingOperation(Facts);
  }

  /// The value of \p Call is awaited, directly or as an argument of an awaited
  /// call (`co_withCancellation(token, connect())`, either branch of `?:`, an
  /// operand of an awaitable operator), or,
  /// for a C function of the table, has members (`sleep(1s).then(...)`).
  static bool notTheTableEntry(TSNode Call, std::string_view Entry) {
    bool CFunction = Entry.find("::") == std::string_view::npos;
    bool OwnValue = true; // Node is Call's own value, not a call it is handed to
    for (TSNode Node = Call, Parent = parentOf(Node); !ts_node_is_null(Parent);
         Node = Parent, Parent = parentOf(Parent)) {
      std::string_view Type = nodeType(Parent);
      if (Type == "co_await_expression")
        return true;
      if (Type == "field_expression")
        return CFunction && OwnValue && ts_node_eq(childByField(Parent, "argument"), Node);
      if (Type == "argument_list" && nodeType(parentOf(Parent)) == "call_expression") {
        Parent = parentOf(Parent); // is the call it is handed to awaited?
        OwnValue = false;
        continue;
      }
      bool Branch = Type == "conditional_expression" &&
                    !ts_node_eq(childByField(Parent, "condition"), Node);
      // `co_await (sleep(10s) || event.wait())`: asio's awaitable operators.
      if (Type != "parenthesized_expression" && Type != "binary_expression" && !Branch)
        return false;
    }
    return false;
  }

  /// \p Io's first argument is a descriptor the library made non-blocking
  /// (`::accept(sock.native_handle(), ...)`, or a local of the calling
  /// function initialised from that accessor).
  bool onNonBlockingDescriptor(const CheckContext &Context, const CallSite &Io) const {
    if (NonBlocking.names().empty())
      return false;
    TSNode Descriptor = namedChild(childByField(Io.Call, "arguments"), 0);
    if (nodeType(Descriptor) == "identifier" && Io.Function < Context.Model.Functions.size())
      Descriptor = localInitialiser(Context.Model.Functions[Io.Function].Body,
                                    nodeText(Descriptor, Context.Source), Context.Source);
    return nodeType(Descriptor) == "call_expression" &&
           NonBlocking.listsLastSegment(
               lastName(childByField(Descriptor, "function"), Context.Source));
  }

  /// The initialiser of the local \p Variable declared in \p Body
  /// (`int fd = sock.native_handle();`), or a null node.
  static TSNode localInitialiser(TSNode Body, std::string_view Variable, std::string_view Source) {
    TSNode Found{};
    forEachOwnNode(Body, [&](TSNode Node) {
      if (nodeType(Node) != "init_declarator" ||
          nodeText(childByField(Node, "declarator"), Source) != Variable)
        return true;
      Found = childByField(Node, "value");
      return false;
    });
    return Found;
  }

  struct Construction {
    const std::string *Type = nullptr; ///< the table's name of what is constructed
    TSNode Declarator{};
  };

  /// A blocking object (`std::ifstream in(path);`) the function making
  /// \p Target constructs before it: the first blocking operation there, in
  /// source order, which is what full mode names.
  std::optional<Construction> constructionBefore(const CheckContext &Context,
                                                 const CallSite &Target) const {
    if (Target.Function == NoFunction)
      return std::nullopt;
    std::optional<Construction> Found;
    forEachOwnNode(Context.Model.Functions[Target.Function].Body, [&](TSNode Node) {
      if (Found || ts_node_start_byte(Node) >= ts_node_start_byte(Target.Call))
        return false;
      if (nodeType(Node) != "declaration")
        return true;
      if (const std::string *Type = typeListed(childByField(Node, "type"), Context.Model, Blocking))
        Found = Construction{Type, childByField(Node, "declarator")};
      return false;
    });
    return Found;
  }

  /// The coroutine awaits a descriptor's readiness (`co_await poll(fd, op)`).
  static bool awaitsReadiness(const CheckContext &Context, const FunctionInfo &Function) {
    bool Found = false;
    forEachOwnNode(Function.Body, [&](TSNode Node) {
      if (nodeType(Node) == "co_await_expression") {
        TSNode Operand = childByField(Node, "argument");
        while (nodeType(Operand) == "parenthesized_expression")
          Operand = namedChild(Operand, 0);
        if (nodeType(Operand) == "call_expression")
          Found |= isReadinessWait(lastName(childByField(Operand, "function"), Context.Source));
      }
      return !Found;
    });
    return Found;
  }

  /// Where the coroutine hops onto a thread pool (`co_await tp->schedule()`:
  /// an offload function, known by its last name, awaited without a
  /// callable); the end of the file when it does not.
  uint32_t hopOntoPool(const CheckContext &Context, const FunctionInfo &Function) const {
    uint32_t Hop = UINT32_MAX;
    forEachOwnNode(Function.Body, [&](TSNode Node) {
      if (nodeType(Node) != "co_await_expression")
        return true;
      TSNode Operand = childByField(Node, "argument");
      if (nodeType(Operand) != "call_expression" ||
          namedChildCount(childByField(Operand, "arguments")) != 0)
        return true;
      if (Offloads.listsLastSegment(lastName(childByField(Operand, "function"), Context.Source)))
        Hop = std::min(Hop, ts_node_end_byte(Node));
      return true;
    });
    return Hop;
  }

  /// `poll` of `poll`, `s->poll`, `net::poll` and `poll<T>`.
  static std::string_view lastName(TSNode Callee, std::string_view Source) {
    for (;;) {
      std::string_view Type = nodeType(Callee);
      TSNode Inner{};
      if (Type == "field_expression")
        Inner = childByField(Callee, "field");
      else if (Type == "qualified_identifier" || Type == "template_function" ||
               Type == "template_method")
        Inner = childByField(Callee, "name");
      if (ts_node_is_null(Inner))
        return nodeText(Callee, Source);
      Callee = Inner;
    }
  }

  /// `std::getline(in, line)` where `in` is declared here as a string stream,
  /// or as a plain istream over a buffer (`std::istream in(&response)`, an
  /// asio::streambuf already read) that is not declared here as a filebuf:
  /// no I/O happens.
  static bool readsFromMemory(const CheckContext &Context, const FunctionInfo &Function,
                              const CallSite &Call) {
    if (nodeText(Call.Callee, Context.Source).find("getline") == std::string_view::npos)
      return false;
    std::string_view Stream =
        nodeText(namedChild(childByField(Call.Call, "arguments"), 0), Context.Source);
    bool InMemory = false;
    std::string_view Buffer;
    std::vector<std::string_view> FileBuffers;
    traverse(
        Function.Definition,
        [&](TSNode Node) {
          std::string_view Type = nodeType(Node);
          if (Type == "declaration" || Type == "parameter_declaration") {
            std::string_view Declared = nodeText(Node, Context.Source);
            std::string_view DeclaredType = nodeText(childByField(Node, "type"), Context.Source);
            if (DeclaredType.find("filebuf") != std::string_view::npos)
              FileBuffers.push_back(Declared);
            if (!containsWord(Declared, Stream))
              return false;
            if (DeclaredType.find("stringstream") != std::string_view::npos)
              InMemory = true;
            else if (Buffer.empty() && (DeclaredType == "std::istream" || DeclaredType == "istream"))
              Buffer = overBuffer(Node, Context.Source);
            return false;
          }
          return !InMemory;
        },
        [](TSNode) {});
    if (!InMemory && !Buffer.empty()) {
      InMemory = true;
      for (std::string_view Declared : FileBuffers)
        InMemory &= !containsWord(Declared, Buffer);
    }
    return InMemory;
  }

  /// `std::istream in(&buffer)`: "buffer"; "" for any other initialiser.
  static std::string_view overBuffer(TSNode Declaration, std::string_view Source) {
    TSNode Init = childByField(Declaration, "declarator");
    if (nodeType(Init) != "init_declarator")
      return {};
    TSNode Arguments = childByField(Init, "value");
    if (namedChildCount(Arguments) != 1)
      return {};
    TSNode Address = namedChild(Arguments, 0);
    if (nodeType(Address) != "pointer_expression" ||
        nodeText(Address, Source).substr(0, 1) != "&")
      return {};
    return nodeText(childByField(Address, "argument"), Source);
  }

  std::vector<BlockingFunction> Table;
  NameList Blocking, Runners, Offloads;
  NameList NonBlocking; ///< accessors of descriptors the library made non-blocking
  NameList NonBlockingHelpers; ///< helpers the user knows not to block: not entered
  std::string Offload;
  unsigned HelperDepth;
  bool CrossFile; ///< write summaries and ask across files, when the caller collects
};

} // namespace

std::unique_ptr<FastCheck> makeBlockingCallCheck(const Options &Opts) {
  auto Read = readOptions<BlockingCallOptions>(Opts, Name);
  std::string Error;
  std::vector<BlockingFunction> Table = parseBlockingFunctions(Read.BlockingFunctions, Error)
                                            .value_or(std::vector<BlockingFunction>{});
  // The names alone (with `ns::*` and `-name` entries) decide what matches.
  return std::make_unique<BlockingCallCheck>(
      std::move(Table), NameList(blockingNames(Read.BlockingFunctions)),
      std::move(Read.RunFunctions.Names), std::move(Read.OffloadFunctions.Names),
      std::move(Read.NonBlockingDescriptors.Names), std::move(Read.NonBlockingHelpers.Names),
      Read.HelperDepth, Read.CrossFile);
}

} // namespace corolint::fast
