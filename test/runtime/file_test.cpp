// aio::open_file / aio::file: round trips through a temporary directory, lines, errors.
#include <gtest/gtest.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <aio/aio.hpp>
#include <aio/file.hpp>
#include <aio/testing.hpp>
#include <cerrno>
#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "io_backends.hpp"

using namespace std::chrono_literals;

namespace {

// A fresh directory under $TMPDIR (or /tmp), removed with everything in it.
class temp_dir {
 public:
  temp_dir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "aio-file-test-XXXXXX").string();
    path_ = ::mkdtemp(pattern.data());
  }
  ~temp_dir() { std::filesystem::remove_all(path_); }
  std::string operator/(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

}  // namespace

AIO_IO_TEST(File, RoundTripOfA64MiBFile) {
  temp_dir dir;
  const std::string path = dir / "big.bin";
  std::string chunk(1 << 20, '\0');
  for (std::size_t i = 0; i < chunk.size(); ++i) chunk[i] = static_cast<char>(i * 7 + i / 4096);
  {
    aio::file out = co_await aio::open_file(path, "wb");
    for (int i = 0; i < 64; ++i) {
      chunk[0] = static_cast<char>(i);  // every MiB differs
      EXPECT_EQ(co_await out.write(chunk), chunk.size());
    }
    co_await out.close();
    EXPECT_TRUE(out.closed());
  }
  EXPECT_EQ(std::filesystem::file_size(path), 64u << 20);
  aio::file in = co_await aio::open_file(path, "rb");
  std::string first = co_await in.read(chunk.size());
  chunk[0] = 0;
  EXPECT_TRUE(first == chunk);
  std::string rest = co_await in.read();
  AIO_ASSERT_EQ(rest.size(), 63u << 20);
  bool same = true;
  for (int i = 1; i < 64; ++i) {
    chunk[0] = static_cast<char>(i);
    same = same && std::string_view(rest).substr(static_cast<std::size_t>(i - 1) << 20, chunk.size()) == chunk;
  }
  EXPECT_TRUE(same);
  EXPECT_EQ(co_await in.read(), "");
  co_await in.close();
}

AIO_IO_TEST(File, LinesAndAppending) {
  temp_dir dir;
  const std::string path = dir / "lines.txt";
  {
    aio::file out = co_await aio::open_file(path, "w");
    co_await out.write("one\ntwo\n");
    co_await out.close();
  }
  {
    aio::file out = co_await aio::open_file(path, "a");
    co_await out.write("three");
    co_await out.close();
  }
  aio::file in = co_await aio::open_file(path);
  EXPECT_EQ(co_await in.readline(), "one\n");
  EXPECT_EQ(co_await in.readline(), "two\n");
  EXPECT_EQ(co_await in.readline(), "three");
  EXPECT_EQ(co_await in.readline(), "");
  co_await in.close();
  EXPECT_THROW(co_await in.read(), aio::invalid_state_error);
}

AIO_IO_TEST(File, OpeningAMissingFileIsAnOsErrorWithItsErrno) {
  temp_dir dir;
  try {
    co_await aio::open_file(dir / "missing.txt", "r");
    ADD_FAILURE() << "no exception";
  } catch (const aio::os_error& e) {
    EXPECT_EQ(e.code().value(), ENOENT);
    EXPECT_NE(std::string(e.what()).find("missing.txt"), std::string::npos);
  }
}

AIO_IO_TEST(File, AFileDroppedWithoutCloseIsStillFlushed) {
  temp_dir dir;
  const std::string path = dir / "dropped.txt";
  {
    aio::file out = co_await aio::open_file(path, "w");
    co_await out.write("kept");
  }  // closed on the pool
  aio::get_running_loop().default_executor().shutdown();  // waits for that close
  EXPECT_EQ(std::filesystem::file_size(path), 4u);
}

AIO_IO_TEST(File, ConcurrentReadlinesEachGetWholeLines) {
  temp_dir dir;
  const std::string path = dir / "many.txt";
  std::string text;
  for (int i = 0; i < 2000; ++i) text += "line " + std::to_string(i) + "\n";
  {
    aio::file out = co_await aio::open_file(path, "w");
    co_await out.write(text);
    co_await out.close();
  }
  aio::file in = co_await aio::open_file(path);
  auto reader = [](aio::file& f) -> aio::task<std::vector<std::string>> {
    std::vector<std::string> lines;
    for (std::string line; !(line = co_await f.readline()).empty();) lines.push_back(line);
    co_return lines;
  };
  auto [a, b] = co_await aio::gather(reader(in), reader(in));
  std::vector<std::string> all = a;
  all.insert(all.end(), b.begin(), b.end());
  std::sort(all.begin(), all.end());
  std::vector<std::string> expected;
  for (int i = 0; i < 2000; ++i) expected.push_back("line " + std::to_string(i) + "\n");
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(all, expected);
  co_await in.close();
}

AIO_IO_TEST(File, ACancelledReadLeavesTheFileUsable) {
  temp_dir dir;
  const std::string path = dir / "cancel.bin";
  {
    aio::file out = co_await aio::open_file(path, "wb");
    co_await out.write(std::string(8 << 20, 'x'));
    co_await out.close();
  }
  aio::file in = co_await aio::open_file(path, "rb");
  auto reading = aio::create_task(in.read());
  co_await aio::sleep(0s);  // the read is under way (on a worker, or in the ring)
  reading.cancel();
  EXPECT_THROW(co_await reading, aio::cancelled_error);
  // Whatever the cancelled read consumed, the file still reads to its end and closes.
  std::string rest = co_await in.read();
  EXPECT_LE(rest.size(), std::size_t{8} << 20);
  EXPECT_EQ(rest.find_first_not_of('x'), std::string::npos);
  EXPECT_EQ(co_await in.read(), "");
  co_await in.close();
  EXPECT_TRUE(in.closed());
}

namespace {
// A FIFO opened read-write, so opening does not wait for a writer and a read waits for data.
std::string make_fifo(const temp_dir& dir) {
  std::string path = dir / "fifo";
  if (::mkfifo(path.c_str(), 0600) != 0) ADD_FAILURE() << "mkfifo failed";
  return path;
}
}  // namespace

// Native requests only: on the thread pool a read of an empty FIFO would hold its worker.
static aio::task<> cancelled_native_read() {
  EXPECT_EQ(aio::get_running_loop().backend(), aio::backend::io_uring);
  temp_dir dir;
  const std::string path = make_fifo(dir);
  aio::file in = co_await aio::open_file(path, "r+");
  EXPECT_THROW(co_await aio::wait_for(in.read(5), 50ms), aio::timeout_error);
  int writer = ::open(path.c_str(), O_WRONLY | O_NONBLOCK);
  AIO_ASSERT_TRUE(writer >= 0);
  EXPECT_EQ(::write(writer, "hello", 5), 5);
  ::close(writer);
  EXPECT_EQ(co_await in.read(5), "hello");
  co_await in.close();
}
TEST(File, ACancelledNativeReadIsDroppedAndLosesNoBytes) {
  aio::run(cancelled_native_read(), aio::testing::backend_options(aio::backend::io_uring));
}

static aio::task<> native_read_pending_at_close(const temp_dir& dir) {
  aio::file in = co_await aio::open_file(make_fifo(dir), "r+");
  auto pending = aio::create_task([](aio::file f) -> aio::task<> { co_await f.read(5); }(std::move(in)));
  co_await aio::sleep(10ms);
  EXPECT_FALSE(pending.done());
}
// aio::run cancels the reader; the loop's close waits for the kernel to drop the request.
TEST(File, ANativeReadPendingAtLoopCloseIsCancelledBeforeTheRingGoes) {
  temp_dir dir;
  aio::run(native_read_pending_at_close(dir), aio::testing::backend_options(aio::backend::io_uring));
}
