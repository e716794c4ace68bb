// The guide's asynchronous context variables: a request id and a user set once per request are
// seen by every nested call of that request without being passed down, and each concurrently
// running request (each task) sees its own. A task starts with a copy of its creator's values;
// its set() never reaches the creator; reset(token) undoes a set(); copy_context().run(fn)
// runs fn in a snapshot whose changes stay there.
#include <aio/aio.hpp>

#include <chrono>
#include <cstdio>
#include <string>

using namespace std::chrono_literals;

aio::context_var<std::string> request_id("request_id", "unknown");
aio::context_var<std::string> user_info("user_info", "nobody");

// Deep in the call chain: no request parameter, yet it knows which request it serves.
void log(const char* message) {
  std::printf("[%s] [%s] %s\n", request_id.get().c_str(), user_info.get().c_str(), message);
}

aio::task<> query_database() {
  co_await aio::sleep(500ms);
  log("Query done");
}

aio::task<> process_request(std::string req_id, std::string user) {
  request_id.set(req_id);  // only this task's context changes
  user_info.set(user);
  log("Starting to process request");
  co_await query_database();  // an awaited coroutine runs in the same task: same context
  log("Processing complete");
}

aio::task<> main_task() {
  co_await aio::gather(process_request("req-001", "Alice"), process_request("req-002", "Bob"),
                       process_request("req-003", "Charlie"));
  log("main after the requests");  // the children's set() never reached main

  auto token = request_id.set("req-main");
  auto child = aio::create_task(query_database());  // copies main's context as it is now
  request_id.set("req-later");                      // too late for the child
  co_await child;
  request_id.reset(token);
  log("main after reset");

  aio::context snapshot = aio::copy_context();
  snapshot.run([] {
    user_info.set("Mallory");
    log("inside copy_context().run");
  });
  log("main after run");
}

int main() { aio::run(main_task()); }

// CHECK:      [req-001] [Alice] Starting to process request
// CHECK-NEXT: [req-002] [Bob] Starting to process request
// CHECK-NEXT: [req-003] [Charlie] Starting to process request
// CHECK-NEXT: [req-001] [Alice] Query done
// CHECK-NEXT: [req-001] [Alice] Processing complete
// CHECK-NEXT: [req-002] [Bob] Query done
// CHECK-NEXT: [req-002] [Bob] Processing complete
// CHECK-NEXT: [req-003] [Charlie] Query done
// CHECK-NEXT: [req-003] [Charlie] Processing complete
// CHECK-NEXT: [unknown] [nobody] main after the requests
// CHECK-NEXT: [req-main] [nobody] Query done
// CHECK-NEXT: [unknown] [nobody] main after reset
// CHECK-NEXT: [unknown] [Mallory] inside copy_context().run
// CHECK-NEXT: [unknown] [nobody] main after run
