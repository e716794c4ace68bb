// The guide's async file I/O (aiofiles): aio::open_file runs every file operation on the loop's
// thread pool, so a slow disk never blocks the loop. Three files written, then read back,
// concurrently with gather; a log written line by line, appended to, and read back with
// readline until end of file; a missing file reported as aio::os_error with ENOENT.
#include <aio/aio.hpp>

#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <string>
#include <unistd.h>

namespace fs = std::filesystem;

aio::task<> write_file(std::string path, std::string content) {
  aio::file f = co_await aio::open_file(path, "w");
  co_await f.write(std::move(content));
  co_await f.close();
}

aio::task<std::string> read_file(std::string path) {
  aio::file f = co_await aio::open_file(path, "r");
  std::string contents = co_await f.read();
  co_await f.close();
  co_return contents;
}

aio::task<> main_task(std::string dir) {
  co_await aio::gather(write_file(dir + "/file1.txt", "Content 1"), write_file(dir + "/file2.txt", "Content 2"),
                       write_file(dir + "/file3.txt", "Content 3"));
  auto [one, two, three] = co_await aio::gather(read_file(dir + "/file1.txt"), read_file(dir + "/file2.txt"),
                                                read_file(dir + "/file3.txt"));
  std::printf("['%s', '%s', '%s']\n", one.c_str(), two.c_str(), three.c_str());

  const std::string log_path = dir + "/log.txt";
  aio::file log = co_await aio::open_file(log_path, "w");
  for (const char* line : {"first line", "second line", "third line"}) co_await log.write(std::string(line) + "\n");
  co_await log.close();

  aio::file appended = co_await aio::open_file(log_path, "a");
  co_await appended.write("last line, no newline");
  co_await appended.close();

  aio::file reader = co_await aio::open_file(log_path, "r");
  int number = 0;
  for (std::string line = co_await reader.readline(); !line.empty(); line = co_await reader.readline()) {
    const bool complete = line.back() == '\n';
    if (complete) line.pop_back();
    std::printf("line %d: %s%s\n", ++number, line.c_str(), complete ? "" : " (at end of file)");
  }
  co_await reader.close();

  try {
    aio::file missing = co_await aio::open_file(dir + "/missing.txt", "r");
    co_await missing.close();
  } catch (const aio::os_error& e) {
    std::printf("missing.txt: %s\n", e.code().value() == ENOENT ? "ENOENT" : e.what());
  }
}

int main() {
  const fs::path dir = fs::temp_directory_path() / ("aio-file-io-" + std::to_string(getpid()));
  fs::create_directories(dir);
  aio::run(main_task(dir.string()));
  fs::remove_all(dir);
}

// CHECK:      ['Content 1', 'Content 2', 'Content 3']
// CHECK-NEXT: line 1: first line
// CHECK-NEXT: line 2: second line
// CHECK-NEXT: line 3: third line
// CHECK-NEXT: line 4: last line, no newline (at end of file)
// CHECK-NEXT: missing.txt: ENOENT
