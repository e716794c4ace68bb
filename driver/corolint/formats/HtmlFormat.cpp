//===--- HtmlFormat.cpp - one self-contained HTML page for people ---------===//
//
// Findings grouped by check and by file (both views in the page, one shown),
// each with its code excerpt, notes, fix-it as a diff and the check's doc
// summary; filters by check and severity; counts per check as an inline SVG
// chart. No external resource: the page works offline and as a CI artifact.
//
//===----------------------------------------------------------------------===//

#include "Formats.h"
#include "driver/corolint/Fingerprint.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/MemoryBuffer.h"

#include <map>

namespace corolint {
namespace {

constexpr unsigned ContextLines = 2; ///< shown above and below a finding's line

std::string escape(llvm::StringRef Text) {
  std::string Out;
  Out.reserve(Text.size());
  for (char C : Text) {
    switch (C) {
    case '&': Out += "&amp;"; break;
    case '<': Out += "&lt;"; break;
    case '>': Out += "&gt;"; break;
    case '"': Out += "&quot;"; break;
    case '\'': Out += "&#39;"; break;
    default: Out += C;
    }
  }
  return Out;
}

/// The source files the findings point into, read once each.
class SourceCache {
public:
  /// Empty when the file cannot be read (it is then shown without excerpt).
  llvm::StringRef text(llvm::StringRef File) {
    auto [It, Inserted] = Files.try_emplace(File);
    if (Inserted)
      if (llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Buffer =
              llvm::MemoryBuffer::getFile(File, /*IsText=*/true))
        It->second = (*Buffer)->getBuffer().str();
    return It->second;
  }

private:
  llvm::StringMap<std::string> Files;
};

/// Offset of the start of the line containing \p Offset.
size_t lineStart(llvm::StringRef Text, size_t Offset) {
  size_t NewLine = Text.rfind('\n', std::min(Offset, Text.size())); // looks before Offset
  return NewLine == llvm::StringRef::npos ? 0 : NewLine + 1;
}

/// Offset just past the line containing \p Offset (its newline excluded).
size_t lineEnd(llvm::StringRef Text, size_t Offset) {
  size_t NewLine = Text.find('\n', Offset);
  return NewLine == llvm::StringRef::npos ? Text.size() : NewLine;
}

/// Lines Line-ContextLines .. Line+ContextLines with numbers; the finding's line
/// marked, and its text from the column on highlighted.
void writeExcerpt(llvm::raw_ostream &OS, llvm::StringRef Text, const SourcePosition &Where) {
  if (Text.empty() || Where.Line == 0)
    return;
  llvm::SmallVector<llvm::StringRef> Lines;
  Text.split(Lines, '\n');
  unsigned First = Where.Line > ContextLines ? Where.Line - ContextLines : 1;
  unsigned Last = std::min<unsigned>(Where.Line + ContextLines, Lines.size());
  OS << "<pre class=\"excerpt\">";
  for (unsigned Number = First; Number <= Last; ++Number) {
    llvm::StringRef Line = Lines[Number - 1].rtrim('\r');
    OS << "<span class=\"ln\">" << Number << "</span>";
    if (Number != Where.Line) {
      OS << escape(Line) << "\n";
      continue;
    }
    size_t Column = std::min<size_t>(Where.Column > 0 ? Where.Column - 1 : 0, Line.size());
    OS << "<span class=\"hit\">" << escape(Line.take_front(Column)) << "<mark>"
       << escape(Line.drop_front(Column)) << "</mark></span>\n";
  }
  OS << "</pre>";
}

/// Each replacement as a unified-diff hunk of the whole lines it touches.
void writeFixDiff(llvm::raw_ostream &OS, const Finding &F, SourceCache &Sources,
                  llvm::StringRef Root) {
  if (F.Fixes.empty())
    return;
  OS << "<details class=\"fix\" open><summary>fix-it</summary><pre class=\"diff\">";
  for (const clang::tooling::Replacement &R : F.Fixes) {
    llvm::StringRef Text = Sources.text(R.getFilePath());
    size_t Begin = R.getOffset(), End = R.getOffset() + R.getLength();
    if (End > Text.size()) { // the file changed or cannot be read: show the edit alone
      OS << "<span class=\"hunk\">" << escape(relativeToRoot(R.getFilePath(), Root)) << " @"
         << Begin << "</span>\n<span class=\"add\">+" << escape(R.getReplacementText())
         << "</span>\n";
      continue;
    }
    size_t From = lineStart(Text, Begin), To = lineEnd(Text, End);
    unsigned Line = 1 + Text.take_front(From).count('\n');
    std::string After = (Text.slice(From, Begin) + R.getReplacementText() + Text.slice(End, To)).str();
    OS << "<span class=\"hunk\">--- " << escape(relativeToRoot(R.getFilePath(), Root)) << ":"
       << Line << "</span>\n";
    for (llvm::StringRef Old : llvm::split(Text.slice(From, To), '\n'))
      OS << "<span class=\"del\">-" << escape(Old) << "</span>\n";
    for (llvm::StringRef New : llvm::split(After, '\n'))
      OS << "<span class=\"add\">+" << escape(New) << "</span>\n";
  }
  OS << "</pre></details>";
}

std::string placeOf(const SourcePosition &Where, llvm::StringRef Root) {
  if (!Where.isValid())
    return "(no location)";
  return relativeToRoot(Where.File, Root) + ":" + std::to_string(Where.Line) + ":" +
         std::to_string(Where.Column);
}

void writeFinding(llvm::raw_ostream &OS, const Finding &F, SourceCache &Sources,
                  llvm::StringRef Root) {
  llvm::StringRef Severity = levelName(F.Severity);
  OS << "<article class=\"finding\" data-check=\"" << escape(F.Check) << "\" data-level=\""
     << Severity << "\" data-fingerprint=\"" << escape(F.Fingerprint) << "\">"
     << "<div class=\"where\"><span class=\"level " << Severity << "\">" << Severity
     << "</span> <code>" << escape(placeOf(F.Where, Root)) << "</code> <span class=\"check\">["
     << escape(F.Check) << "]</span></div>"
     << "<p class=\"message\">" << escape(messageForPeople(F)) << "</p>";
  if (F.Where.isValid())
    writeExcerpt(OS, Sources.text(F.Where.File), F.Where);
  if (!F.Notes.empty()) {
    OS << "<ol class=\"notes\">";
    for (const FindingNote &Note : F.Notes) {
      OS << "<li><span class=\"level note\">note</span> <code>"
         << escape(placeOf(Note.Where, Root)) << "</code> " << escape(Note.Message);
      if (Note.Where.isValid())
        writeExcerpt(OS, Sources.text(Note.Where.File), Note.Where);
      OS << "</li>";
    }
    OS << "</ol>";
  }
  writeFixDiff(OS, F, Sources, Root);
  OS << "</article>\n";
}

/// One group (a check or a file) with a count the filters update.
template <typename Header>
void writeGroup(llvm::raw_ostream &OS, llvm::StringRef Key, llvm::ArrayRef<const Finding *> Members,
                SourceCache &Sources, llvm::StringRef Root, Header WriteHeader) {
  OS << "<details class=\"group\" open data-key=\"" << escape(Key) << "\"><summary><h3>"
     << escape(Key) << "</h3> <span class=\"count\">" << Members.size() << "</span></summary>";
  WriteHeader();
  for (const Finding *F : Members)
    writeFinding(OS, *F, Sources, Root);
  OS << "</details>\n";
}

/// Horizontal bars, one per check with findings, biggest first; a bar filters by its check.
void writeChart(llvm::raw_ostream &OS, llvm::ArrayRef<std::pair<std::string, size_t>> Counts) {
  constexpr unsigned BarHeight = 22, LabelWidth = 260, BarWidth = 420;
  size_t Max = 1;
  for (const auto &Entry : Counts)
    Max = std::max(Max, Entry.second);
  unsigned Height = BarHeight * std::max<size_t>(Counts.size(), 1) + 4;
  OS << "<svg id=\"chart\" role=\"img\" aria-label=\"findings per check\" width=\""
     << LabelWidth + BarWidth + 60 << "\" height=\"" << Height << "\" xmlns=\"http://www.w3.org/2000/svg\">";
  unsigned Y = 2;
  for (const auto &[Check, Count] : Counts) {
    unsigned Width = std::max<unsigned>(2, BarWidth * Count / Max);
    OS << "<g class=\"bar\" data-check=\"" << escape(Check) << "\"><text x=\"" << LabelWidth - 8
       << "\" y=\"" << Y + 15 << "\" text-anchor=\"end\">" << escape(Check) << "</text><rect x=\""
       << LabelWidth << "\" y=\"" << Y + 3 << "\" width=\"" << Width << "\" height=\""
       << BarHeight - 6 << "\" rx=\"3\"/><text x=\"" << LabelWidth + Width + 6 << "\" y=\""
       << Y + 15 << "\" class=\"n\">" << Count << "</text></g>";
    Y += BarHeight;
  }
  if (Counts.empty())
    OS << "<text x=\"8\" y=\"16\">no findings</text>";
  OS << "</svg>\n";
}

constexpr llvm::StringLiteral Style = R"css(
body{font:14px/1.45 system-ui,sans-serif;margin:0 2em 3em;color:#1d2330;background:#fafbfc}
h1{font-size:1.5em;margin:.8em 0 .2em}h2{font-size:1.15em;margin:1.2em 0 .4em}
h3{display:inline;font-size:1em;font-family:ui-monospace,monospace}
.meta{color:#5b6472;margin:0}
#controls{display:flex;gap:1.5em;flex-wrap:wrap;align-items:center;padding:.6em .8em;
 background:#fff;border:1px solid #d8dde4;border-radius:6px;position:sticky;top:0;z-index:1}
#chart rect{fill:#3b6fd4}#chart .bar{cursor:pointer}#chart .bar:hover rect{fill:#1f4fa8}
#chart text{font:12px ui-monospace,monospace;fill:#1d2330}
.group{background:#fff;border:1px solid #d8dde4;border-radius:6px;margin:.7em 0;padding:.4em .8em}
.group>summary{cursor:pointer;padding:.2em 0}
.count{background:#e8edf5;border-radius:9px;padding:0 .6em;font-size:.9em}
.doc{color:#3b4350;margin:.3em 0 .6em}
.finding{border-top:1px solid #eceff3;padding:.6em 0}
.where code{font-size:.95em}.check{color:#5b6472;font-family:ui-monospace,monospace}
.level{font-weight:600;text-transform:uppercase;font-size:.75em;padding:1px 6px;border-radius:4px}
.level.error{background:#fde2e1;color:#a4161a}.level.warning{background:#fff1cc;color:#7a5200}
.level.note{background:#e3ecfb;color:#21448f}
.message{margin:.3em 0}
pre{background:#f4f6f8;border-radius:4px;padding:.5em .7em;overflow-x:auto;margin:.3em 0;
 font:12.5px/1.4 ui-monospace,monospace}
.ln{display:inline-block;width:3.5em;color:#98a1ad;user-select:none}
.hit{background:#fff6d6;display:inline-block;min-width:calc(100% - 3.5em)}
mark{background:#ffd866;border-radius:2px}
.diff .del{color:#a4161a;background:#fdecec;display:block}
.diff .add{color:#166b2f;background:#e6f6ea;display:block}.diff .hunk{color:#5b6472}
.notes{margin:.2em 0;padding-left:1.4em}
[hidden]{display:none!important}
)css";

// Filters: check (select, or a click on a chart bar), severity (checkboxes), view
// (by check / by file); also read from the URL fragment, e.g. #check=async-busy-wait.
constexpr llvm::StringLiteral Script = R"js(
(function(){
  var check=document.getElementById('filter-check');
  var levels=[].slice.call(document.querySelectorAll('input[name=level]'));
  var views=[].slice.call(document.querySelectorAll('input[name=view]'));
  function apply(){
    var on={};levels.forEach(function(l){on[l.value]=l.checked;});
    [].forEach.call(document.querySelectorAll('.finding'),function(f){
      f.hidden=!((check.value===''||f.dataset.check===check.value)&&on[f.dataset.level]);});
    [].forEach.call(document.querySelectorAll('.group'),function(g){
      var n=g.querySelectorAll('.finding:not([hidden])').length;
      g.hidden=n===0;g.querySelector('.count').textContent=n;});
    var view=views.filter(function(v){return v.checked;})[0].value;
    document.getElementById('by-check').hidden=view!=='check';
    document.getElementById('by-file').hidden=view!=='file';
    document.getElementById('shown').textContent=
      document.querySelectorAll('#by-check .finding:not([hidden])').length;
  }
  var hash=new URLSearchParams(location.hash.slice(1));
  if(hash.has('check'))check.value=hash.get('check');
  if(hash.has('level')){var keep=hash.get('level').split(',');
    levels.forEach(function(l){l.checked=keep.indexOf(l.value)>=0;});}
  if(hash.get('view')==='file')views.forEach(function(v){v.checked=v.value==='file';});
  [check].concat(levels,views).forEach(function(e){e.addEventListener('change',apply);});
  [].forEach.call(document.querySelectorAll('#chart .bar'),function(b){
    b.addEventListener('click',function(){check.value=b.dataset.check;apply();});});
  apply();
})();
)js";

} // namespace

void writeHtml(const Report &R, llvm::raw_ostream &OS) {
  // std::map: groups in name order, findings in report (file) order within them.
  std::map<std::string, std::vector<const Finding *>> ByCheck, ByFile;
  std::map<std::string, size_t> LevelCounts;
  for (const Finding &F : R.Findings) {
    ByCheck[F.Check].push_back(&F);
    ByFile[F.Where.isValid() ? relativeToRoot(F.Where.File, R.SourceRoot) : "(no file)"]
        .push_back(&F);
    ++LevelCounts[levelName(F.Severity).str()];
  }
  std::vector<std::pair<std::string, size_t>> Counts;
  for (const auto &[Check, Members] : ByCheck)
    Counts.emplace_back(Check, Members.size());
  llvm::sort(Counts, [](const auto &A, const auto &B) {
    return A.second != B.second ? A.second > B.second : A.first < B.first;
  });
  llvm::StringMap<const Rule *> Rules;
  for (const Rule &Rule : R.Rules)
    Rules[Rule.Id] = &Rule;

  OS << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
     << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
     << "<title>corolint report</title><style>" << Style << "</style></head><body>\n"
     << "<h1>corolint report</h1><p class=\"meta\"><span id=\"total\">" << R.Findings.size()
     << "</span> finding(s) in " << ByFile.size() << " file(s), <span id=\"shown\">"
     << R.Findings.size() << "</span> shown · corolint " << COROLINT_VERSION << " · "
     << "<code>" << escape(R.SourceRoot) << "</code></p>\n";

  OS << "<h2>Findings per check</h2>";
  writeChart(OS, Counts);

  OS << "<div id=\"controls\"><label>check <select id=\"filter-check\"><option value=\"\">all "
        "checks</option>";
  for (const auto &[Check, Members] : ByCheck)
    OS << "<option value=\"" << escape(Check) << "\">" << escape(Check) << " (" << Members.size()
       << ")</option>";
  OS << "</select></label><span>severity";
  for (llvm::StringRef Severity : {"error", "warning", "note"})
    OS << " <label><input type=\"checkbox\" name=\"level\" value=\"" << Severity << "\" checked> "
       << Severity << " (" << LevelCounts[Severity.str()] << ")</label>";
  OS << "</span><span>group by <label><input type=\"radio\" name=\"view\" value=\"check\" "
        "checked> check</label> <label><input type=\"radio\" name=\"view\" value=\"file\"> "
        "file</label></span></div>\n";

  SourceCache Sources;
  OS << "<section id=\"by-check\">\n";
  for (const auto &[Check, Members] : ByCheck)
    writeGroup(OS, Check, Members, Sources, R.SourceRoot, [&] {
      const Rule *Rule = Rules.lookup(Check);
      if (!Rule)
        return;
      OS << "<p class=\"doc\">" << escape(Rule->Summary) << " <a href=\"" << escape(Rule->HelpUri)
         << "\">Documentation</a></p>";
    });
  OS << "</section>\n<section id=\"by-file\" hidden>\n";
  for (const auto &[File, Members] : ByFile)
    writeGroup(OS, File, Members, Sources, R.SourceRoot, [] {});
  OS << "</section>\n<script>" << Script << "</script>\n</body></html>\n";
}

} // namespace corolint
