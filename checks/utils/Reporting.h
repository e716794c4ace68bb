//===--- Reporting.h - calls that only log or print -----------------------===//
//
// Plain C++ (no Clang), shared by both engines. async-busy-wait tells a poll
// loop that also logs ("still waiting...") from a periodic loop that works:
// a log line is not work, whatever logger writes it.
//
//===----------------------------------------------------------------------===//
#ifndef COROLINT_CHECKS_UTILS_REPORTING_H
#define COROLINT_CHECKS_UTILS_REPORTING_H

#include <algorithm>
#include <cctype>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace corolint {

namespace detail {

/// `SPDLOG_DEBUG` -> spdlog, debug; `logDebug` -> log, debug; `vlog` -> vlog.
inline std::vector<std::string> identifierWords(std::string_view Name) {
  std::vector<std::string> Words;
  std::string Word;
  for (size_t I = 0; I < Name.size(); ++I) {
    char C = Name[I];
    bool Boundary = C == '_' || (std::isupper(static_cast<unsigned char>(C)) && I > 0 &&
                                 std::islower(static_cast<unsigned char>(Name[I - 1])));
    if (Boundary && !Word.empty())
      Words.push_back(std::move(Word)), Word.clear();
    if (C != '_')
      Word += static_cast<char>(std::tolower(static_cast<unsigned char>(C)));
  }
  if (!Word.empty())
    Words.push_back(std::move(Word));
  return Words;
}

inline bool among(std::string_view Word, std::initializer_list<std::string_view> Words) {
  return std::find(Words.begin(), Words.end(), Word) != Words.end();
}

} // namespace detail

/// \p Name (a function's or macro's last name segment, as written) says the
/// call only reports: a logger (`log`, `vlog`, `logger`, `spdlog`, `LOG(INFO)`,
/// `SPDLOG_DEBUG`, `qDebug`), a print (`printf`, `fmt::print`, `std::println`,
/// `puts`), or a log level called on a logger (`logger.info`, `spdlog::warn`,
/// `RCLCPP_INFO`). A level word alone counts only as the whole name or in a
/// macro's capitals: `handle_error` is work.
inline bool isReportingName(std::string_view Name) {
  if (Name.empty())
    return false;
  std::vector<std::string> Words = detail::identifierWords(Name);
  bool Macro = std::none_of(Name.begin(), Name.end(),
                            [](char C) { return std::islower(static_cast<unsigned char>(C)); });
  auto Level = [](std::string_view Word) {
    return detail::among(Word, {"info", "warn", "warning", "error", "critical", "fatal", "notice",
                                "verbose"});
  };
  for (const std::string &Word : Words) {
    if (detail::among(Word, {"log", "logf", "logger", "logging", "vlog", "spdlog", "glog", "syslog",
                             "debug", "trace", "print", "printf", "fprintf", "println", "puts"}))
      return true;
    if (Macro && (Word.rfind("log", 0) == 0 || Level(Word))) // ESP_LOGI, RCLCPP_INFO
      return true;
  }
  // logger.info(...), spdlog::warn(...), qWarning()
  return (Words.size() == 1 && Level(Words.front())) ||
         (Words.size() == 2 && Words.front() == "q" && Level(Words.back()));
}

/// \p Name (last segment) is a standard stream written only to report:
/// `std::cout << "waiting"`.
inline bool isReportingStream(std::string_view Name) {
  return detail::among(Name, {"cout", "cerr", "clog", "wcout", "wcerr", "wclog"});
}

} // namespace corolint

#endif
