// aio::open_file / aio::file: round trips through a temporary directory, lines, errors.
#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include <aio/aio.hpp>
#include <aio/file.hpp>
#include <aio/testing.hpp>
#include <cerrno>
#include <filesystem>
#include <string>

#include "io_backends.hpp"

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
