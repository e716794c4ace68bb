// redpanda-data/redpanda@7e42940338 src/v/pandaproxy/rest/handlers.cc
// Story: get_brokers(request_t rq, reply_t rp) was a plain function returning
// `rq.dispatch(...)`; dispatch() is a member coroutine of the by-value parameter `rq`, which
// died when get_brokers returned while the dispatch was still running.
// Fix: make the handler a coroutine (`co_return co_await rq.dispatch(...)`).
#include <aio/aio.hpp>

#include <functional>
#include <string>

struct metadata_request { std::string topic; };
struct reply_t { std::string body; };

struct request_t {
  std::string user;
  aio::task<reply_t> dispatch(std::function<metadata_request()> make_req) {
    co_await aio::sleep(std::chrono::milliseconds(1));
    co_return reply_t{user + make_req().topic};
  }
};

namespace bad {
aio::task<reply_t> get_brokers(request_t rq, reply_t rp) {
  auto make_metadata_req = [] { return metadata_request{"brokers"}; };
  (void)rp;
  return rq.dispatch(make_metadata_req); // BUG: async-dangling-reference
}
} // namespace bad

namespace fixed { // FIXED SHAPE: no finding below
aio::task<reply_t> get_brokers(request_t rq, reply_t rp) {
  auto make_metadata_req = [] { return metadata_request{"brokers"}; };
  (void)rp;
  co_return co_await rq.dispatch(make_metadata_req);
}
} // namespace fixed
