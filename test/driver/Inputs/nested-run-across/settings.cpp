#include "settings.h"
#include "indexer.h"

aio::task<Settings> load_settings(std::string path) {
  co_await aio::sleep(std::chrono::milliseconds(1));
  co_return Settings{path};
}

Settings load_settings_blocking(const std::string &path) {
  return aio::run(load_settings(path));
}

void warm_cache() {
  rebuild_index(64);
}
