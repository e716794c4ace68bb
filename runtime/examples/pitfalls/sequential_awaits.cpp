// Pitfall "Async functions not running concurrently": awaiting independent fetches one
// after another in a loop. Nothing overlaps, so ten 1 s fetches take 10 s instead of 1 s.
// Fix: start them together and wait once — aio::gather over the tasks (with a semaphore
// when the list is long).
#include <aio/aio.hpp>

#include <string>
#include <vector>

using namespace std::chrono_literals;

aio::task<std::string> fetch_user(int id) {
  co_await aio::sleep(1s);
  co_return "user " + std::to_string(id);
}

aio::task<std::vector<std::string>> fetch_users(std::vector<int> ids) {
  std::vector<std::string> users;
  for (int id : ids)
    users.push_back(co_await fetch_user(id));  // wrong: one at a time [async-sequential-await]
  co_return users;
}

int main() { return aio::run(fetch_users({1, 2, 3})).size() == 3 ? 0 : 1; }
