// The guide's first example: breakfast made sequentially, then concurrently.
// Awaiting one coroutine after the other adds their times (2 s + 1 s); gathering them
// overlaps the waits, so breakfast takes as long as the slowest part (2 s).
#include <aio/aio.hpp>

#include <chrono>
#include <cstdio>
#include <string>

using namespace std::chrono_literals;

aio::task<std::string> make_coffee() {
  std::puts("Starting to make coffee...");
  co_await aio::sleep(2s);  // brewing
  std::puts("Coffee is ready!");
  co_return "Hot Coffee";
}

aio::task<std::string> make_toast() {
  std::puts("Starting to make toast...");
  co_await aio::sleep(1s);  // toasting
  std::puts("Toast is ready!");
  co_return "Crispy Toast";
}

double seconds_since(aio::clock::time_point start) {
  return std::chrono::duration<double>(aio::get_running_loop().time() - start).count();
}

aio::task<> make_breakfast_sequentially() {
  const auto start = aio::get_running_loop().time();
  std::string coffee = co_await make_coffee();
  std::string toast = co_await make_toast();
  std::printf("Sequential breakfast ready in %.1f seconds: %s and %s\n", seconds_since(start),
              coffee.c_str(), toast.c_str());
}

aio::task<> make_breakfast_concurrently() {
  const auto start = aio::get_running_loop().time();
  auto [coffee, toast] = co_await aio::gather(make_coffee(), make_toast());
  std::printf("Concurrent breakfast ready in %.1f seconds: %s and %s\n", seconds_since(start),
              coffee.c_str(), toast.c_str());
}

aio::task<> main_task() {
  co_await make_breakfast_sequentially();
  co_await make_breakfast_concurrently();
}

int main() { aio::run(main_task()); }

// What it prints (ctest checks it on the virtual clock):
// CHECK:      Starting to make coffee...
// CHECK-NEXT: Coffee is ready!
// CHECK-NEXT: Starting to make toast...
// CHECK-NEXT: Toast is ready!
// CHECK-NEXT: Sequential breakfast ready in 3.0 seconds: Hot Coffee and Crispy Toast
// CHECK-NEXT: Starting to make coffee...
// CHECK-NEXT: Starting to make toast...
// CHECK-NEXT: Toast is ready!
// CHECK-NEXT: Coffee is ready!
// CHECK-NEXT: Concurrent breakfast ready in 2.0 seconds: Hot Coffee and Crispy Toast
