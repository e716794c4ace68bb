// aio::file and aio::open_file (aiofiles): a buffered file whose every operation runs on the
// loop's default thread pool, so a slow disk never blocks the loop.
#pragma once

#include <cstddef>
#include <limits>
#include <memory>
#include <string>

#include "aio/task.hpp"

namespace aio {

namespace detail {
struct file_core;
}

class file {
 public:
  static constexpr std::size_t until_eof = std::numeric_limits<std::size_t>::max();

  file() noexcept = default;
  explicit file(std::shared_ptr<detail::file_core> core) noexcept;
  file(file&&) noexcept = default;
  file& operator=(file&&) noexcept;
  // A file not closed is closed on the thread pool (errors then go unseen: prefer close()).
  ~file();

  explicit operator bool() const noexcept { return core_ != nullptr; }

  // Up to `n` bytes (everything to the end by default); "" at the end of the file.
  task<std::string> read(std::size_t n = until_eof);
  // One line, "\n" included; the last may lack it; "" at the end of the file.
  task<std::string> readline();
  // Writes all of `data`; returns its size.
  task<std::size_t> write(std::string data);
  task<> flush();
  // Flushes and closes; os_error if the data could not be written. Closing twice is harmless.
  task<> close();
  bool closed() const noexcept;

 private:
  std::shared_ptr<detail::file_core> core_;
};

// Opens `path` with an fopen mode ("r", "w", "a", "r+", "rb", ...); os_error (code() ENOENT,
// EACCES, ...) when it cannot.
task<file> open_file(std::string path, std::string mode = "r");

}  // namespace aio
