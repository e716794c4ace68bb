// Pitfall "Sync wrapper calling async repeatedly": aio::run once per item creates and
// tears down an event loop for every element and runs the items one after another.
// Fix: one aio::run around one coroutine that gathers all items.
#include <aio/aio.hpp>

#include <string>
#include <vector>

aio::task<std::string> process(std::string item) {
  co_await aio::sleep(std::chrono::milliseconds(10));
  co_return item + " processed";
}

std::vector<std::string> process_all_sync(const std::vector<std::string>& items) {
  std::vector<std::string> results;
  for (const auto& item : items)
    results.push_back(aio::run(process(item)));  // wrong: one loop per item [async-nested-run]
  return results;
}

int main() { return process_all_sync({"a", "b", "c"}).size() == 3 ? 0 : 1; }
