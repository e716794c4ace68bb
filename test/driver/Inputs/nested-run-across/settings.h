// A settings loader with an async API and a synchronous wrapper for scripts
// and start-up code; the wrapper runs its own loop.
#pragma once
#include <aio/aio.hpp>
#include <string>

struct Settings {
  std::string name;
};

aio::task<Settings> load_settings(std::string path);
// For main() and tools: runs load_settings on a loop of its own.
Settings load_settings_blocking(const std::string &path);
// Rebuilds the search index; calls the indexer's synchronous entry point.
void warm_cache();
