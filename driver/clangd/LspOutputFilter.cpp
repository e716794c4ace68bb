//===--- LspOutputFilter.cpp - corolint's touches on clangd's LSP output --===//

#include "LspOutputFilter.h"
#include "driver/corolint/DocPages.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/raw_ostream.h"

#include <cerrno>
#include <cstdio>
#include <chrono>
#include <fcntl.h>
#include <sys/ioctl.h>
#include <unistd.h>

namespace corolint {
namespace {

/// The single TextEdit of a CodeAction's WorkspaceEdit, if it has exactly one.
const llvm::json::Object *singleEdit(const llvm::json::Object &Action) {
  const llvm::json::Object *Edit = Action.getObject("edit");
  const llvm::json::Object *Changes = Edit ? Edit->getObject("changes") : nullptr;
  if (!Changes || Changes->size() != 1)
    return nullptr;
  const llvm::json::Array *Edits = Changes->begin()->second.getAsArray();
  return Edits && Edits->size() == 1 ? (*Edits)[0].getAsObject() : nullptr;
}

bool isEmptyRange(const llvm::json::Object &Edit) {
  const llvm::json::Object *Range = Edit.getObject("range");
  return Range && Range->get("start") && Range->get("end") &&
         *Range->get("start") == *Range->get("end");
}

/// clangd's synthesized "insert 'X'" / "change 'Y' to 'X'": X from the edit itself.
void retitle(llvm::json::Object &Action) {
  std::optional<llvm::StringRef> Title = Action.getString("title");
  const llvm::json::Object *Edit = singleEdit(Action);
  if (!Title || !Edit || !Edit->getString("newText") || !Title->ends_with("'"))
    return;
  std::string Code = oneLineCode(*Edit->getString("newText"));
  if (Code.empty())
    return;
  if (Title->starts_with("insert '") && isEmptyRange(*Edit)) {
    Action["title"] = "insert '" + Code + "'";
    return;
  }
  size_t To = Title->rfind("' to '");
  if (Title->starts_with("change '") && To != llvm::StringRef::npos)
    Action["title"] = (Title->take_front(To) + "' to '" + Code + "'").str();
}

void rewrite(llvm::json::Value &V, llvm::StringRef DocsBaseUrl) {
  if (llvm::json::Array *A = V.getAsArray()) {
    for (llvm::json::Value &Element : *A)
      rewrite(Element, DocsBaseUrl);
    return;
  }
  llvm::json::Object *O = V.getAsObject();
  if (!O)
    return;
  std::optional<llvm::StringRef> Code = O->getString("code");
  if (Code && Code->starts_with("async-") && O->getString("source") == "clang-tidy") {
    if (DocsBaseUrl.empty())
      O->erase("codeDescription");
    else
      (*O)["codeDescription"] =
          llvm::json::Object{{"href", (DocsBaseUrl + docPageName(*Code) + ".md").str()}};
  }
  if (O->getString("title") && O->getObject("edit"))
    retitle(*O);
  for (auto &Entry : *O)
    rewrite(Entry.second, DocsBaseUrl);
}

bool writeAll(int FD, llvm::StringRef Data) {
  while (!Data.empty()) {
    ssize_t Written = ::write(FD, Data.data(), Data.size());
    if (Written < 0 && errno == EINTR)
      continue;
    if (Written <= 0)
      return false;
    Data = Data.drop_front(Written);
  }
  return true;
}

} // namespace

std::string oneLineCode(llvm::StringRef Code) {
  std::string Line;
  llvm::SmallVector<llvm::StringRef, 8> Lines;
  Code.split(Lines, '\n');
  for (llvm::StringRef Part : Lines) {
    Part = Part.trim();
    if (Part.empty())
      continue;
    if (!Line.empty())
      Line += ' ';
    Line += Part;
  }
  if (Line.size() > 50)
    Line = Line.substr(0, 50) + "…";
  return Line;
}

void rewriteLspMessage(llvm::json::Value &Message, llvm::StringRef DocsBaseUrl) {
  rewrite(Message, DocsBaseUrl);
}

bool LspOutputFilter::start() {
  int Pipe[2];
  if (::pipe(Pipe) != 0)
    return false;
  RealStdout = ::dup(STDOUT_FILENO);
  if (RealStdout < 0 || ::dup2(Pipe[1], STDOUT_FILENO) < 0) {
    ::close(Pipe[0]);
    ::close(Pipe[1]);
    return false;
  }
  ::close(Pipe[1]);
  ::fcntl(Pipe[0], F_SETFD, FD_CLOEXEC);
  ::fcntl(RealStdout, F_SETFD, FD_CLOEXEC);
  PipeIn = Pipe[0];
  Forwarder = std::thread([this, In = Pipe[0]] { forward(In, RealStdout); });
  return true;
}

void LspOutputFilter::finish() {
  if (!Forwarder.joinable())
    return;
  llvm::outs().flush();
  std::fflush(stdout);
  // The pipe's last writer goes: the forwarder sees the end and stops.
  int Null = ::open("/dev/null", O_WRONLY);
  ::dup2(Null, STDOUT_FILENO);
  ::close(Null);
  for (int Tries = 0; Tries < 200 && !Done; ++Tries) {
    int Pending = 0;
    if (Idle && ::ioctl(PipeIn, FIONREAD, &Pending) == 0 && Pending == 0)
      break;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  if (Done)
    Forwarder.join();
  else
    Forwarder.detach(); // blocked in read(): exit ends it
}

void LspOutputFilter::forward(int In, int Out) {
  std::string Buffer;
  char Chunk[65536];
  for (;;) {
    // One message: "Content-Length: N\r\n...\r\n\r\n" and N bytes of JSON.
    size_t HeaderEnd = Buffer.find("\r\n\r\n");
    if (HeaderEnd != std::string::npos) {
      llvm::StringRef Headers = llvm::StringRef(Buffer).take_front(HeaderEnd);
      size_t Length = 0;
      bool HaveLength = false;
      for (llvm::StringRef Line : llvm::split(Headers, "\r\n"))
        if (Line.consume_front_insensitive("Content-Length:"))
          HaveLength = !Line.trim().getAsInteger(10, Length);
      size_t BodyStart = HeaderEnd + 4;
      if (!HaveLength) { // not LSP framing: pass it on as it is
        writeAll(Out, llvm::StringRef(Buffer).take_front(BodyStart));
        Buffer.erase(0, BodyStart);
        continue;
      }
      if (Buffer.size() >= BodyStart + Length) {
        llvm::StringRef Body = llvm::StringRef(Buffer).substr(BodyStart, Length);
        std::string Rewritten;
        if (llvm::Expected<llvm::json::Value> Message = llvm::json::parse(Body)) {
          rewriteLspMessage(*Message, DocsBaseUrl);
          Rewritten = llvm::formatv("{0}", *Message).str();
        } else {
          llvm::consumeError(Message.takeError());
          Rewritten = Body.str();
        }
        writeAll(Out, "Content-Length: " + std::to_string(Rewritten.size()) + "\r\n\r\n" +
                          Rewritten);
        Buffer.erase(0, BodyStart + Length);
        continue;
      }
    }
    Idle = Buffer.empty();
    ssize_t Read = ::read(In, Chunk, sizeof(Chunk));
    Idle = false;
    if (Read < 0 && errno == EINTR)
      continue;
    if (Read <= 0)
      break;
    Buffer.append(Chunk, Read);
  }
  writeAll(Out, Buffer); // whatever was left unframed
  Done = true;
}

} // namespace corolint
