#include "indexer.h"
#include "settings.h"

// The bad shape: coroutines calling the synchronous wrappers.
aio::task<void> on_reload(std::string path) {
  Settings loaded = load_settings_blocking(path);
  (void)loaded;
  co_return;
}

aio::task<void> on_warm() {
  warm_cache();
  co_return;
}

// The fixed shape: await the coroutine, or run the wrapper on a thread.
aio::task<void> on_reload_fixed(std::string path) {
  Settings loaded = co_await load_settings(path);
  (void)loaded;
}

aio::task<void> on_warm_fixed() {
  co_await aio::to_thread([] { warm_cache(); });
  int built = co_await rebuild_index_async(8);
  (void)built;
}

// The team knows this one: silenced where it is called.
aio::task<void> on_reload_known(std::string path) {
  Settings loaded = load_settings_blocking(path); // NOLINT(async-nested-run)
  (void)loaded;
  co_return;
}

// Plain code may run a loop: start-up, before any loop runs.
int main() {
  Settings boot = load_settings_blocking("boot.toml");
  (void)boot;
  warm_cache();
  aio::run(on_reload("app.toml"));
}
